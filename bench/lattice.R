# Benchmark, R side, of SAR and SEM maximum likelihood on a k × k rook lattice (bench/lattice.ts drives it).
# Usage (from the repository root; bench/lattice.ts writes the inputs first): Rscript bench/lattice.R <k> [models]
# (models: comma-separated of lag, error, durbin; default lag,error; durbin = lagsarlm(Durbin = TRUE), the SDM)
# Rscript bench/lattice.R <k> <models> knn: 6-nearest-neighbour weights on the n = k^2 points stored after the
# data in bench/out/lattice-<k>-knn.bin (x then y), knn2nb(knearneigh(coords, k = 6)), style "W", and
# method = "LU" ("Matrix" refuses weights not similar to symmetric); the weights are built before the timing.
# Reads bench/out/lattice-<k>.bin: y, x1, x2 as n little-endian doubles each (n = k²), cells numbered like
# spdep::cell2nb (for a square lattice the same labelled graph as the row-major numbering of bench/lattice.ts).
# Prints one JSON line: elapsed and CPU seconds of lagsarlm / errorsarlm with method = "Matrix", their
# log-likelihoods and spatial parameters (method = "LU" for knn), the peak resident memory of this R process (VmHWM), and versions.
suppressPackageStartupMessages({ library(spdep); library(spatialreg); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
k <- as.integer(args[1])
models <- strsplit(if (length(args) >= 2) args[2] else "lag,error", ",")[[1]]
kind <- if (length(args) >= 3) args[3] else "rook"
n <- k * k
con <- file(sprintf(if (kind == "knn") "bench/out/lattice-%d-knn.bin" else "bench/out/lattice-%d.bin", k), "rb")
v <- readBin(con, "double", if (kind == "knn") 5 * n else 3 * n, endian = "little")
close(con)
d <- data.frame(y = v[1:n], x1 = v[n + 1:n], x2 = v[2 * n + 1:n])
if (kind == "knn") {
  lw <- nb2listw(knn2nb(knearneigh(cbind(v[3 * n + 1:n], v[4 * n + 1:n]), k = 6)), style = "W")
  method <- "LU"
} else {
  lw <- nb2listw(cell2nb(k, k, type = "rook"), style = "W")
  method <- "Matrix"
}
timeit <- function(expr) {
  t <- system.time(v <- force(expr))
  list(value = v, elapsed = unname(t["elapsed"]), cpu = unname(t["user.self"] + t["sys.self"]))
}
fit <- function(fun, ...) {
  r <- timeit(fun(y ~ x1 + x2, data = d, listw = lw, method = method, ...))
  list(elapsed = r$elapsed, cpu = r$cpu, logLik = as.numeric(logLik(r$value)),
       param = unname(if (is.null(r$value$rho)) r$value$lambda else r$value$rho),
       coefficients = unname(r$value$coefficients), terms = names(r$value$coefficients))
}
res <- list()
if ("lag" %in% models) res$lag <- fit(lagsarlm)
if ("error" %in% models) res$error <- fit(errorsarlm)
if ("durbin" %in% models) res$durbin <- fit(lagsarlm, Durbin = TRUE)
hwm <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
cat(toJSON(c(list(k = k, n = n), res, list(
  peakMB = as.numeric(gsub("[^0-9]", "", hwm)) / 1024,
  R = R.version.string, spatialreg = as.character(packageVersion("spatialreg")),
  Matrix = as.character(packageVersion("Matrix")))), auto_unbox = TRUE, digits = NA), "\n")
