"""The second floor: the Typer hello world that also prints a 5-row Rich table shaped like `near`'s.

What Python plus Typer plus Rich cost to print a table: the least any Typer app that draws its
tables with Rich can cost. Rich is imported inside the command, as any app would on its table path.
"""

import typer

app = typer.Typer()

HEADERS = ("#", "ID", "Facility", "City", "Province", "km", "Status", "Investigator")
ROW = ("Jiangmen Central Hospital", "Jiangmen", "Guangdong", "61.5", "Not yet recruiting (trial)",
       "Gengsheng Yu, M.D.")


@app.command()
def main(name: str = "world") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"hello {name}")
    for header in HEADERS:
        table.add_column(header)
    for rank in range(1, 6):
        table.add_row(str(rank), str(rank + 6), *ROW)
    Console().print(table)


if __name__ == "__main__":
    app()
