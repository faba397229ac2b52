"""The hall display: latest calls, what each window serves, waiting counts, a notice line, and voice calls."""
