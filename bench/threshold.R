# Benchmark, R side, of Hansen's (1999) single-threshold test (bench/threshold.ts drives it and writes the inputs).
# No R threshold package is installed on this machine (pdR is not in Debian), so this is a plain-R brute force of the
# same computation as panelThreshold's defaults: for each candidate gamma of bench/out/threshold-grid.csv (the
# library's grid), lm.fit of the within-demeaned y on z, x*1(q <= gamma), x*1(q > gamma); F = (S0 - S1) / (S1 / (n - N));
# bootstrap: each unit's residual vector of the no-threshold model, units drawn with replacement (set.seed(1), R's own
# draws), re-demeaned, both models refitted, the search repeated.
# Usage (from the repository root): Rscript bench/threshold.R [B] (default 300). Prints one JSON line.
suppressPackageStartupMessages(library(jsonlite))
B <- as.integer(commandArgs(trailingOnly = TRUE)[1]); if (is.na(B)) B <- 300L
d <- read.csv("bench/out/threshold-bench.csv")
grid <- read.csv("bench/out/threshold-grid.csv")$gamma
id <- d$id; Ti <- tabulate(id); N <- length(Ti); n <- nrow(d)
stopifnot(all(diff(id) >= 0), all(Ti == Ti[1]))  # rows by unit, then year; balanced
dm <- function(v) v - (rowsum(v, id, reorder = TRUE)[, 1] / Ti)[id]
zw <- dm(d$z); xw <- dm(d$x)
rss <- function(X, y) sum(lm.fit(X, y)$residuals^2)
search <- function(yw) {
  s <- vapply(grid, function(g) rss(cbind(zw, dm(d$x * (d$q <= g)), dm(d$x * (d$q > g))), yw), 0)
  j <- which.min(s)
  list(gamma = grid[j], rss = s[j])
}
timeit <- function(expr) {
  t <- system.time(v <- force(expr))
  list(value = v, elapsed = unname(t["elapsed"]), cpu = unname(t["user.self"] + t["sys.self"]))
}
point <- function() {
  yw <- dm(d$y)
  f0 <- lm.fit(cbind(zw, xw), yw)
  s0 <- sum(f0$residuals^2)
  s <- search(yw)
  list(gamma = s$gamma, rss = s$rss, F = (s0 - s$rss) / (s$rss / (n - N)), resid = f0$residuals)
}
test <- function() {
  p <- point()
  E <- matrix(p$resid, nrow = Ti[1])
  set.seed(1)
  stats <- numeric(B)
  for (b in seq_len(B)) {
    yb <- dm(as.vector(E[, sample.int(N, N, replace = TRUE)]))
    s0 <- rss(cbind(zw, xw), yb)
    s1 <- search(yb)$rss
    stats[b] <- (s0 - s1) / (s1 / (n - N))
  }
  list(point = p, pValue = mean(stats >= p$F), crit5 = unname(sort(stats)[ceiling(0.95 * B)]))
}
pt <- timeit(point())
ts <- timeit(test())
hwm <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
cat(toJSON(list(
  point = list(elapsed = pt$elapsed, cpu = pt$cpu, gamma = pt$value$gamma, rss = pt$value$rss, F = pt$value$F),
  test = list(elapsed = ts$elapsed, cpu = ts$cpu, B = B, pValue = ts$value$pValue, crit5 = ts$value$crit5),
  peakMB = as.numeric(gsub("[^0-9]", "", hwm)) / 1024, R = R.version.string), auto_unbox = TRUE, digits = NA), "\n")
