"""The benchmark of the portal at province scale (``make bench``; see bench/README.md)."""
