"""Settings: the option table, configuration files and how they combine with the command line."""
