"""The portal's own guides (citizens, agencies, developers), rendered from the repository's docs/."""
