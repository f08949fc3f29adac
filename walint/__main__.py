from walint.cli import main

main()
