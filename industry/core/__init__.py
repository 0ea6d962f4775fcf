"""What every layer uses: where the project's files are, Vietnamese text (NFC, accent-free folding, sorting),
the two languages and their texts (locales/), numbers and dates through Babel, the colours."""
