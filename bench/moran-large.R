# Benchmark, R side, of Moran's I with 999 permutations on a k × k rook lattice (bench/moran-large.ts drives it).
# Usage (from the repository root; bench/moran-large.ts writes the values first): Rscript bench/moran-large.R <k> [local]
# Reads bench/out/moran-large-<k>.bin: the n = k² values as little-endian doubles, cells numbered like
# spdep::cell2nb (for a square lattice the same labelled graph as the row-major numbering of the TypeScript side).
# Times, once each and cold: nb2listw(cell2nb(k, k, "rook"), style = "W") (the weights), moran.test (the
# statistic), moran.mc(nsim = 999) and, with "local", localmoran_perm(nsim = 999) (hours at n = 1,000,000, so
# only asked for at small n). Prints one JSON line with elapsed and CPU seconds, I, the permutation p-value, the
# peak resident memory of this R process (VmHWM) and versions.
suppressPackageStartupMessages({ library(spdep); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
k <- as.integer(args[1])
local <- length(args) >= 2 && args[2] == "local"
n <- k * k
con <- file(sprintf("bench/out/moran-large-%d.bin", k), "rb")
x <- readBin(con, "double", n, endian = "little")
close(con)
timeit <- function(expr) {
  t <- system.time(v <- force(expr))
  list(value = v, elapsed = unname(t["elapsed"]), cpu = unname(t["user.self"] + t["sys.self"]))
}
lw <- timeit(nb2listw(cell2nb(k, k, type = "rook"), style = "W"))
mt <- timeit(moran.test(x, lw$value))
set.seed(1)
mc <- timeit(moran.mc(x, lw$value, nsim = 999))
res <- list(k = k, n = n,
  weights = lw[c("elapsed", "cpu")],
  moran_test = c(mt[c("elapsed", "cpu")], list(I = unname(mt$value$estimate[1]))),
  moran_mc = c(mc[c("elapsed", "cpu")], list(I = unname(mc$value$statistic), pSim = mc$value$p.value)))
if (local) {
  lp <- timeit(localmoran_perm(x, lw$value, nsim = 999, iseed = 1))
  res$localmoran_perm <- lp[c("elapsed", "cpu")]
}
hwm <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
cat(toJSON(c(res, list(peakMB = as.numeric(gsub("[^0-9]", "", hwm)) / 1024, R = R.version.string,
  spdep = as.character(packageVersion("spdep")))), auto_unbox = TRUE, digits = NA), "\n")
