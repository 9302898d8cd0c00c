"""``python -m factlint`` runs the command line."""

from factlint.launch import main

if __name__ == "__main__":  # spawn-started worker processes import this module too
    main()
