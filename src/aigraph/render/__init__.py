"""Rendering answers and reports for people and programs."""
