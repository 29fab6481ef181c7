"""The kata child process (run by path with ``python -I``; never imports ``prepcli``)."""
