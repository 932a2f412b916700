from actgrade.cli import main

main()
