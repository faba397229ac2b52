"""Qt item models of the UI: they hold what views show, fetched by the screens through the runner."""
