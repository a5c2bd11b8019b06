"""Example business cases (format 2) to start writing a case from, in the web editor."""
