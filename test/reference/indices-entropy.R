# Reference values for lib/indices/entropyWeights.ts and normalize.ts, computed independently in base R.
# Inputs are synthetic (illustrative numbers made up for the test, not data).
# Entropy weight method: min-max by direction (+ shift), p = y / colSums(y), e = -sum(p log p)/log(n) with
# 0 log 0 = 0, d = 1 - e, w = d / sum(d), score = y %*% w. A constant column (range 0) gets e = 1, d = 0.
# Run: Rscript test/reference/indices-entropy.R  (writes test/reference/indices-entropy.json)
suppressPackageStartupMessages(library(jsonlite))

minmax <- function(x, dir) {
  r <- max(x) - min(x)
  if (r == 0) return(rep(0, length(x)))
  if (dir == "+") (x - min(x)) / r else (max(x) - x) / r
}
entropy_weights <- function(X, dirs, shift = 0) {
  Y <- sapply(seq_along(X), function(j) minmax(X[[j]], dirs[j])) + shift
  Y <- matrix(Y, nrow = nrow(X)); colnames(Y) <- names(X)
  n <- nrow(Y)
  const <- sapply(X, function(x) max(x) == min(x))
  e <- sapply(seq_len(ncol(Y)), function(j) {
    if (const[j] || sum(Y[, j]) == 0) return(1)
    p <- Y[, j] / sum(Y[, j])
    -sum(ifelse(p > 0, p * log(p), 0)) / log(n)
  })
  d <- 1 - e
  w <- d / sum(d)
  list(weights = setNames(as.list(w), names(X)), entropy = setNames(as.list(e), names(X)),
       divergence = setNames(as.list(d), names(X)), scores = as.vector(Y %*% w),
       normalized = lapply(setNames(seq_len(ncol(Y)), names(X)), function(j) Y[, j]))
}

out <- list()
# Cross-section with a negative-valued indicator, a cost indicator and a constant (zero-variance) indicator
cs <- data.frame(x1 = c(-2.5, 0.4, 1.8, -0.7, 3.1, 2.2),
                 x2 = c(120, 95, 150, 80, 110, 130),
                 x3 = c(5, 5, 5, 5, 5, 5),
                 x4 = c(0.3, 0.9, 0.1, 0.6, 0.6, 0.2))
dirs <- c("+", "-", "+", "+")
out$crossSection <- list(data = cs, direction = as.list(setNames(dirs, names(cs))),
                         result = entropy_weights(cs, dirs))
out$crossSectionShift <- list(shift = 0.01, result = entropy_weights(cs, dirs, 0.01))

# z-score and vector normalization of x1, x2 (R's scale() uses the n-1 sd)
out$zscore <- list(x1 = as.vector(scale(cs$x1)), x2neg = -as.vector(scale(cs$x2)))
out$vector <- list(x2 = cs$x2 / sqrt(sum(cs$x2^2)))

# Panel: 4 regions x 3 years, pooled vs year-by-year
panel <- data.frame(region = rep(c("A", "B", "C", "D"), 3), year = rep(c(2017, 2018, 2019), each = 4),
                    g = c(1.0, 2.0, 3.0, 5.0,  1.5, 2.8, 3.9, 6.1,  2.2, 3.5, 5.2, 7.0),
                    u = c(9.0, 7.5, 6.0, 4.0,  8.2, 7.1, 5.5, 3.9,  7.7, 6.0, 5.1, 3.0))
pd <- c("+", "-")
pooled <- entropy_weights(panel[, c("g", "u")], pd)
byYear <- lapply(split(seq_len(nrow(panel)), panel$year), function(i) {
  r <- entropy_weights(panel[i, c("g", "u")], pd)
  list(rows = i - 1, weights = r$weights, entropy = r$entropy, divergence = r$divergence, scores = r$scores)
})
out$panel <- list(data = panel, direction = list(g = "+", u = "-"), pooled = pooled, byYear = byYear)

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns"), "test/reference/indices-entropy.json")
