"""Analysis beside the map: range rings and distances between sites."""
