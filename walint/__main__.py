from walint.cli import run

run()
