"""Stage 6 of 7: a handbook site for any engine — the site-wide wiring, the Markdown extension and the
front-end assets a built site needs, and the handbook as plain files for engines without our plugin."""
