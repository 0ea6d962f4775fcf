"""The Streamlit side, the only code that imports ``streamlit``: the shell (database, cache, sidebar, link,
banner), chart and map cards, the presenter and the administrator's sign-in."""
