"""Allow ``python -m sonla_publisher``."""

from sonla_publisher.entry import main

if __name__ == "__main__":
    main()
