# Reference for test/dagumGini.test.ts, test/theil.test.ts and test/sigmaConvergence.test.ts: Dagum's Gini decomposition and Theil T/L
# decompositions, written out in base R from the definitions (double sums with outer(), no package), on R's
# built-in state.x77 (US states, 1974 per-capita income "Income", 1975 population "Population" in thousands)
# grouped by state.region (Northeast, South, North Central, West).
# Run from the repository root: Rscript test/reference/disparity-states.R
suppressMessages(library(jsonlite))
y <- unname(state.x77[, "Income"]); pop <- unname(state.x77[, "Population"]); grp <- as.character(state.region)
lev <- unique(grp)

dagum <- function(y, w, grp) {
  W <- sum(w); mu <- sum(w * y) / W
  pairabs <- function(a, wa, b, wb) sum(outer(wa, wb) * abs(outer(a, b, "-")))
  pairpos <- function(a, wa, b, wb) sum(outer(wa, wb) * pmax(outer(a, b, "-"), 0))
  G <- pairabs(y, w, y, w) / (2 * W^2 * mu)
  k <- length(lev); Gjh <- matrix(0, k, k); D <- matrix(0, k, k)
  m <- sapply(lev, function(l) sum(w[grp == l] * y[grp == l]) / sum(w[grp == l]))
  Wj <- sapply(lev, function(l) sum(w[grp == l]))
  p <- Wj / W; s <- Wj * m / (W * mu)
  for (j in 1:k) for (h in 1:k) {
    a <- grp == lev[j]; b <- grp == lev[h]
    Gjh[j, h] <- pairabs(y[a], w[a], y[b], w[b]) / (Wj[j] * Wj[h] * (m[j] + m[h]))
    d <- pairpos(y[a], w[a], y[b], w[b]); q <- pairpos(y[b], w[b], y[a], w[a])
    D[j, h] <- if (j == h) 0 else (d - q) / (d + q)
  }
  Gw <- sum(diag(Gjh) * p * s); Gnb <- 0; Gt <- 0
  for (j in 2:k) for (h in 1:(j - 1)) {
    c <- Gjh[j, h] * (p[j] * s[h] + p[h] * s[j])
    Gnb <- Gnb + c * abs(D[j, h]); Gt <- Gt + c * (1 - abs(D[j, h]))
  }
  list(G = G, Gw = Gw, Gnb = Gnb, Gt = Gt, Gjj = unname(diag(Gjh)), Gjh = unname(Gjh), D = unname(D),
       means = unname(m), p = unname(p), s = unname(s))
}

theil <- function(y, w, grp) {
  W <- sum(w); mu <- sum(w * y) / W
  T <- sum(w * y / sum(w * y) * log(y / mu)); L <- sum(w / W * log(mu / y))
  tg <- sapply(lev, function(l) { a <- grp == l; mg <- sum(w[a] * y[a]) / sum(w[a])
    c(T = sum(w[a] * y[a] / sum(w[a] * y[a]) * log(y[a] / mg)), L = sum(w[a] / sum(w[a]) * log(mg / y[a])),
      p = sum(w[a]) / W, s = sum(w[a] * y[a]) / sum(w * y), m = mg) })
  list(T = T, L = L, Tg = unname(tg["T", ]), Lg = unname(tg["L", ]),
       Twithin = sum(tg["s", ] * tg["T", ]), Tbetween = sum(tg["s", ] * log(tg["m", ] / mu)),
       Lwithin = sum(tg["p", ] * tg["L", ]), Lbetween = sum(tg["p", ] * log(mu / tg["m", ])),
       cv = sqrt(sum(w / W * (y - mu)^2)) / mu)
}

out <- list(
  generated_by = "test/reference/disparity-states.R",
  versions = list(R = R.version.string),
  income = y, population = pop, region = grp, levels = lev,
  dagumUnweighted = dagum(y, rep(1, length(y)), grp),
  dagumWeighted = dagum(y, pop, grp),
  theilUnweighted = theil(y, rep(1, length(y)), grp),
  theilWeighted = theil(y, pop, grp),
  sdUnweighted = sd(y), sdLog = sd(log(y))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/disparity-states.json")

# sigma convergence (state.x77 has one year only): plm::Grunfeld, firm value by year,
# sd(log(value)) and sd/mean per year, trends by lm(); a capital-weighted CV for 1935.
suppressMessages(library(plm)); data(Grunfeld, package = "plm")
yrs <- sort(unique(Grunfeld$year))
sig <- sapply(yrs, function(t) sd(log(Grunfeld$value[Grunfeld$year == t])))
cvs <- sapply(yrs, function(t) { v <- Grunfeld$value[Grunfeld$year == t]; sd(v) / mean(v) })
sigmaOut <- list(firm = Grunfeld$firm, year = Grunfeld$year, value = Grunfeld$value, capital = Grunfeld$capital,
  years = yrs, sigma = sig, cv = cvs, sigmaTrend = unname(coef(lm(sig ~ yrs))[2]), cvTrend = unname(coef(lm(cvs ~ yrs))[2]),
  wcv1935 = { a <- Grunfeld$year == 1935; v <- Grunfeld$value[a]; w <- Grunfeld$capital[a]; m <- sum(w * v) / sum(w); sqrt(sum(w / sum(w) * (v - m)^2)) / m })
writeLines(toJSON(sigmaOut, digits = NA, auto_unbox = TRUE), "test/reference/disparity-sigma-grunfeld.json")
