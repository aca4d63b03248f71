from sitefinder.cli import run

run()
