"""Presentation outputs made on the server: the slides, the PowerPoint deck and its chart pictures, the commune
profile as PDF, the year's report as Word. No Streamlit."""
