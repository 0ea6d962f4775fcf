"""What each page shows, from the figures of the data layer: its findings in words, readable tables, charts in
the one plotly style, the map's layers, the commune profile. No Streamlit: the pages, slides and documents
show the same objects."""
