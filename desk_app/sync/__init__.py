"""Replication between the PCs and desk-central: protocol models, client agent, conflict handling."""
