"""Stage 7a of 7: the MkDocs plugin, thin glue from MkDocs events to the stages below."""
