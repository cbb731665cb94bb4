"""Orbits of North Korea's satellites from their element sets: reading, ground tracks (SGP4).

A track more than a few days from its element set's epoch is not a position: SGP4 errors grow
by kilometres a day, and manoeuvres are not in the elements.
"""
