"""The data layer: the data model, the reference data and geography, the demonstration data, the builder, the
database connection, the named queries, the figures each page asks for (metrics) and the context a page is
drawn for. No Streamlit."""
