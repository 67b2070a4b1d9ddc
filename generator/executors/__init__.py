"""How a stage's work is spread over processes."""
