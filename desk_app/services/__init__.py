"""Use cases: each one function taking its inputs and a unit of work, returning a plain result."""
