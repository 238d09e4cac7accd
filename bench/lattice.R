# Benchmark, R side, of SAR and SEM maximum likelihood on a k × k rook lattice (bench/lattice.ts drives it).
# Usage (from the repository root; bench/lattice.ts writes the inputs first): Rscript bench/lattice.R <k> [models]
# (models: comma-separated of lag, error, durbin; default lag,error; durbin = lagsarlm(Durbin = TRUE), the SDM)
# Reads bench/out/lattice-<k>.bin: y, x1, x2 as n little-endian doubles each (n = k²), cells numbered like
# spdep::cell2nb (for a square lattice the same labelled graph as the row-major numbering of bench/lattice.ts).
# Prints one JSON line: elapsed and CPU seconds of lagsarlm / errorsarlm with method = "Matrix", their
# log-likelihoods and spatial parameters, the peak resident memory of this R process (VmHWM), and versions.
suppressPackageStartupMessages({ library(spdep); library(spatialreg); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
k <- as.integer(args[1])
models <- strsplit(if (length(args) >= 2) args[2] else "lag,error", ",")[[1]]
n <- k * k
con <- file(sprintf("bench/out/lattice-%d.bin", k), "rb")
v <- readBin(con, "double", 3 * n, endian = "little")
close(con)
d <- data.frame(y = v[1:n], x1 = v[n + 1:n], x2 = v[2 * n + 1:n])
lw <- nb2listw(cell2nb(k, k, type = "rook"), style = "W")
timeit <- function(expr) {
  t <- system.time(v <- force(expr))
  list(value = v, elapsed = unname(t["elapsed"]), cpu = unname(t["user.self"] + t["sys.self"]))
}
fit <- function(fun, ...) {
  r <- timeit(fun(y ~ x1 + x2, data = d, listw = lw, method = "Matrix", ...))
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
