"""Scrapy spiders: fetch and store raw bytes with their provenance; never parse PDFs."""
