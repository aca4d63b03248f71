"""The floor: what Python plus Typer cost to parse one option and print a line."""

import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
