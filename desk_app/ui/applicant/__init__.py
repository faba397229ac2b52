"""The applicant screen on the second monitor: case summary and rating."""
