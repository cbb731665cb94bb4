"""The explorer app (Streamlit): a page that only lays out what the library computes."""
