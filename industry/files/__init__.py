"""The department's files: reading and checking spreadsheets, the import templates, the all-or-nothing import
and its log, the export, and the CSV and Excel files people download. No Streamlit."""
