# Reference values for test/impacts.delta.test.ts: delta-method standard errors of the direct, indirect and total
# impacts of SAR, SDM, SAC and GNS fits, computed here in R from each fit's own coefficients and vcov (spatialreg
# 1.2-6 has no analytical impacts inference: its impacts() only simulates). For every fit:
#   impacts(par), par = (rho, beta, theta): direct_r = beta_r tr(S)/n + theta_r tr(SW)/n, total_r = beta_r 1'S1/n +
#   theta_r 1'SW1/n, indirect = total − direct, S = (I − rho W)⁻¹, with tr(S) = Σ 1/(1 − rho λ) and tr(SW) =
#   Σ λ/(1 − rho λ) from the eigenvalues of W (spdep::eigenw) and 1'S1, 1'SW1 from sparse solves (Matrix); checked
#   against spatialreg's impacts(fit, listw = lw) (eigenvalues; total = beta/(1 − rho)) to 1e-9 before anything is
#   stored (totals only where W is row-stochastic; both are stored: direct/indirect/total = spatialreg's impacts(),
#   exactDirect/exactIndirect/exactTotal = the function above);
#   J = numDeriv::jacobian(impacts, par) (Richardson extrapolation), SE = sqrt(diag(J V J')), V = vcov(fit) restricted
#   to (rho, coefficients) (lambda dropped for SAC/GNS: the impacts do not depend on it).
# Fits: Columbus (spData columbus, col.gal.nb, style "W"), CRIME ~ INC + HOVAL: lagsarlm (SAR), lagsarlm(Durbin = TRUE)
# (SDM), sacsarlm (SAC), sacsarlm(Durbin = TRUE) (GNS), method "eigen" (analytical asymptotic vcov); elect80
# (spData elect80, e80_queen, style "W", zero.policy = TRUE, n = 3,107, 4 islands: W is not row-stochastic),
# log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income): lagsarlm and lagsarlm(Durbin = TRUE),
# method "eigen" (analytical vcov; a few CPU minutes with reference BLAS).
# Run from the repository root: Rscript test/reference/impacts-delta.R  (writes test/reference/impacts-delta.json)
suppressPackageStartupMessages({
  library(spData); library(spdep); library(spatialreg); library(jsonlite); library(numDeriv); library(Matrix)
})

impactFunction <- function(terms, names, eig, W) {
  n <- nrow(W)
  ones <- rep(1, n)
  w1 <- as.numeric(W %*% ones)
  b <- match(terms, names)
  th <- match(paste0("lag.", terms), names)  # NA: no lag term
  function(par) {
    rho <- par[1]
    beta <- par[-1]
    A <- Diagonal(n) - rho * W
    trS <- sum(Re(1 / (1 - rho * eig))) / n
    trSW <- sum(Re(eig / (1 - rho * eig))) / n
    tot <- mean(as.numeric(solve(A, ones)))
    totW <- mean(as.numeric(solve(A, w1)))
    theta <- ifelse(is.na(th), 0, beta[ifelse(is.na(th), 1, th)])
    direct <- beta[b] * trS + theta * trSW
    total <- beta[b] * tot + theta * totW
    c(direct, total - direct, total)
  }
}

delta <- function(m, lw, eig, label) {
  cf <- coef(m)
  V <- vcov(m)
  keep <- setdiff(names(cf), "lambda")
  par <- cf[keep]
  Vp <- V[keep, keep]
  names <- keep[-1]
  terms <- setdiff(names, c("(Intercept)", grep("^lag\\.", names, value = TRUE)))
  W <- as(lw, "CsparseMatrix")
  f <- impactFunction(terms, names, eig, W)
  imp <- impacts(m, listw = lw)
  k <- length(terms)
  est <- f(par)
  sr <- c(imp$direct, imp$indirect, imp$total)
  # spatialreg's impacts(listw = ) takes tr(S) from the eigenvalues and total = beta/(1 − rho), exact only for a
  # row-stochastic W; with elect80's 4 islands (zero rows) the exact average total 1'S1/n differs (about 6e-4
  # relative), so the totals are checked against spatialreg only when every row sums to 1
  rowStochastic <- all(abs(as.numeric(W %*% rep(1, nrow(W))) - 1) < 1e-12)
  check <- if (rowStochastic) seq_along(sr) else 1:k
  stopifnot(max(abs(est[check] - sr[check]) / abs(sr[check])) < 1e-9)
  J <- jacobian(f, par)
  se <- sqrt(diag(J %*% Vp %*% t(J)))
  list(label = label, parameters = keep, estimates = unname(par), vcov = unname(Vp), terms = terms, rowStochastic = rowStochastic,
       direct = unname(imp$direct), indirect = unname(imp$indirect), total = unname(imp$total),
       exactDirect = est[1:k], exactIndirect = est[k + 1:k], exactTotal = est[2 * k + 1:k],
       jacobian = unname(J),
       directStdError = se[1:k], indirectStdError = se[k + 1:k], totalStdError = se[2 * k + 1:k],
       logLik = as.numeric(logLik(m)))
}

data(columbus, package = "spData")
lw <- nb2listw(col.gal.nb, style = "W")
eig <- eigenw(lw)
f <- CRIME ~ INC + HOVAL
columbusFits <- list(
  sar = delta(lagsarlm(f, data = columbus, listw = lw, method = "eigen"), lw, eig, "SAR"),
  sdm = delta(lagsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = TRUE), lw, eig, "SDM"),
  sac = delta(sacsarlm(f, data = columbus, listw = lw, method = "eigen"), lw, eig, "SAC"),
  gns = delta(sacsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = TRUE), lw, eig, "GNS")
)

data(elect80, package = "spData")
d <- as.data.frame(elect80)
lw80 <- nb2listw(e80_queen, style = "W", zero.policy = TRUE)
eig80 <- eigenw(lw80)
f80 <- log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)
elect80Fits <- list(
  sar = delta(lagsarlm(f80, data = d, listw = lw80, method = "eigen", zero.policy = TRUE), lw80, eig80, "SAR"),
  sdm = delta(lagsarlm(f80, data = d, listw = lw80, method = "eigen", zero.policy = TRUE, Durbin = TRUE), lw80, eig80, "SDM")
)

out <- list(source = sprintf("R %s, spatialreg %s, numDeriv %s", getRversion(), packageVersion("spatialreg"),
                             packageVersion("numDeriv")),
            columbus = columbusFits, elect80 = elect80Fits)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/impacts-delta.json")
