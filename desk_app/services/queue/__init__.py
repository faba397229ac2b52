"""Queue use cases (moved here from services/queue.py; split into modules in the next step)."""
from desk_app.services.queue.calling import *  # noqa: F401,F403
from desk_app.services.queue.calling import QueueService  # noqa: F401
