# Reference values for lib/indices/{hoover,locationalGini,herfindahl,krugmanSpecialization,ellisonGlaeser}.ts,
# computed independently in base R. Inputs are synthetic (illustrative numbers made up for the test, not data).
# Run: Rscript test/reference/indices-concentration.R  (writes test/reference/indices-concentration.json)
# The tests read the JSON through test/helpers/concentration.ts (one fixture for the five test files).
suppressPackageStartupMessages(library(jsonlite))

long <- expand.grid(sector = c("fin", "ind", "agr"), region = c("A", "B", "C", "D", "E"), year = c(2015, 2020),
                    stringsAsFactors = FALSE)[, c("region", "sector", "year")]
long$value <- c(20, 50, 30,   5, 120, 15,   2, 10, 88,  12, 60, 28,   1, 4, 45,
                26, 55, 25,   6, 90, 12,   3, 14, 80,  15, 66, 25,   2, 5, 90)

per_year <- function(d) {
  M <- xtabs(value ~ region + sector, d)
  M <- M[unique(d$region), unique(d$sector), drop = FALSE]
  M <- unclass(M)
  X <- sum(M); Xr <- rowSums(M); Xs <- colSums(M)
  b <- Xr / X
  hoover <- sapply(colnames(M), function(s) sum(abs(M[, s] / Xs[s] - b)) / 2)
  gini <- sapply(colnames(M), function(s) {
    sh <- M[, s] / Xs[s]
    o <- order(sh / b)
    S <- c(0, cumsum(sh[o])); B <- c(0, cumsum(b[o]))
    1 - sum(diff(B) * (S[-1] + S[-length(S)]))
  })
  hhi <- sapply(colnames(M), function(s) sum((M[, s] / Xs[s])^2))
  n <- nrow(M)
  hhiN <- (hhi - 1 / n) / (1 - 1 / n)
  krest <- sapply(rownames(M), function(r) {
    rest <- colSums(M[rownames(M) != r, , drop = FALSE])
    sum(abs(M[r, ] / Xr[r] - rest / sum(rest)))
  })
  kall <- sapply(rownames(M), function(r) sum(abs(M[r, ] / Xr[r] - Xs / X)))
  list(sectors = colnames(M), regions = rownames(M), hoover = unname(hoover), gini = unname(gini),
       hhi = unname(hhi), hhiNormalized = unname(hhiN), krugmanRest = unname(krest), krugmanAll = unname(kall))
}
out <- list(long = long, byYear = lapply(split(long, long$year), per_year))

# Ellison-Glaeser: 9 plants of one industry in 4 of 5 regions; x = regions' shares of aggregate employment
plants <- data.frame(region = c("A", "A", "A", "B", "B", "C", "A", "D", "B"),
                     emp = c(120, 80, 45, 300, 60, 25, 150, 40, 10))
x <- c(A = 0.30, B = 0.25, C = 0.20, D = 0.15, E = 0.10)
tot <- sum(plants$emp)
s <- sapply(names(x), function(r) sum(plants$emp[plants$region == r]) / tot)
G <- sum((s - x)^2)
H <- sum((plants$emp / tot)^2)
gamma <- (G - (1 - sum(x^2)) * H) / ((1 - sum(x^2)) * (1 - H))
out$eg <- list(plants = plants, x = as.list(x), s = as.list(s), G = G, H = H, sumX2 = sum(x^2), gamma = gamma)

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns"),
           "test/reference/indices-concentration.json")
