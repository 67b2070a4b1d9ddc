"""Client-side search: the tokenizer shared with the browser, the index builders and the client."""
