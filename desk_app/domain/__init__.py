"""Pure domain rules: ids, clock, validators, calendars, queue and intake rules, events, errors."""
