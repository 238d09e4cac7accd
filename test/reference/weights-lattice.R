# Reference for test/weights-lattice.test.ts: spdep::cell2nb rook and queen neighbours on small grids, with the
# region ids, as 0-based neighbour lists (spdep 1.2-7). Run from the repository root:
# Rscript test/reference/weights-lattice.R
suppressMessages({ library(spdep); library(jsonlite) })
z <- function(nb) lapply(nb, function(v) I(if (length(v) == 1 && v[1] == 0L) integer(0) else as.integer(v) - 1L))
grid <- function(nrow, ncol, type) {
  nb <- cell2nb(nrow, ncol, type = type)
  list(nrow = nrow, ncol = ncol, type = type, ids = attr(nb, "region.id"), neighbors0 = z(nb))
}
out <- list(
  generated_by = "test/reference/weights-lattice.R", spdep = as.character(packageVersion("spdep")),
  grids = list(grid(3, 4, "rook"), grid(3, 4, "queen"), grid(1, 5, "rook"), grid(4, 1, "queen"), grid(5, 5, "rook"), grid(2, 6, "queen"))
)
writeLines(toJSON(out, auto_unbox = TRUE, pretty = FALSE), "test/reference/weights-lattice.json")
