# Reference values for test/kleibergenPaap.test.ts, test/hansenJ.test.ts and test/wildClusterBootstrap.test.ts, computed by hand from the
# published formulas (no R package computes them):
#   Kleibergen & Paap (2006, J. Econometrics 133, 97-126) rk Wald statistic of H0: rank(Pi) = K - 1 for the first-stage
#     coefficients Pi (L excluded instruments x K endogenous regressors, exogenous regressors and fixed effects
#     partialled out): Theta = F Pi G^-1 with F'F = Z'Z, G'G = X'X (Cholesky), the full SVD Theta = U S V',
#     A = U[, K:L] U22^-1 (U22 U22')^1/2, B = (v22 v22')^1/2 v22'^-1 V[, K]', lambda = (B (x) A') vec(Theta),
#     rk = lambda' [(B (x) A') Var(vec Theta) (B (x) A')']^-1 lambda; rk Wald F = rk / L.  Var(vec Pi) is the
#     cluster-robust sandwich of the multivariate first stage with the Stata factor G/(G-1)(n-1)/(n-K)
#     (K = first-stage regressors + 1: the county effects are nested in the clusters), or Sigma (x) (Z'Z)^-1 with
#     Sigma = V'V/(n - k - absorbed) ("iid").  Cross-checks computed here: with K = 1, rk/L equals the cluster Wald F
#     of the excluded instruments from lm + sandwich::vcovCL (HC0, times the same factor); with K = 2 and "iid",
#     rk = df rho^2 / (1 - rho^2), rho the smallest canonical correlation (stats::cancor) of the partialled X and Z.
#   Kleibergen-Paap rk LM (ranktest's default, ivreg2's underidentification test): the same statistic with the score
#     covariance built from the partialled X itself instead of the first-stage residuals and no small-sample factor;
#     with "iid" Var(vec Theta) = I/n, so rk LM = n rho^2 (Anderson's canonical-correlation LM, computed too).
#   Hansen J: two-step efficient GMM with S = sum_g (W_g'u_g)(W_g'u_g)' from the 2SLS residuals (no small-sample
#     factor, as ivreg2), J = (W'e)' S^-1 (W'e) at the GMM estimate; heteroskedastic S = sum_i w_i w_i' u_i^2.
#   Wild cluster bootstrap for few clusters (8 counties): restricted (H0: beta = 0), Rademacher weights, all
#     2^8 = 256 sign patterns (the exact bootstrap distribution), symmetric p = mean(|t*| >= |t|); WRE (Davidson &
#     MacKinnon 2010, J. Bus. Econ. Stat. 28: both equations bootstrapped, reduced form estimated with the
#     restricted structural residuals) and WCR with the endogenous regressor held fixed.
# Data: plm::Crime (Cornwell & Trumbull 1994), county fixed effects by within demeaning (balanced: 7 years);
#   AER::CigarettesSW 1995 for a cross-section heteroskedastic J.
# Run: Rscript test/reference/iv-diagnostics.R  (from test/reference; writes iv-diagnostics.json)
suppressPackageStartupMessages({ library(plm); library(AER); library(sandwich); library(jsonlite) })
data("Crime", package = "plm")
cr <- Crime[, c("county", "year", "lcrmrte", "lprbconv", "ldensity", "lprbarr", "lpolpc", "ltaxpc", "lmix", "lwcon")]
cr$county <- as.integer(as.character(cr$county)); cr$year <- as.integer(as.character(cr$year))
within <- function(v, g) v - ave(v, g)
M <- function(d, cols) sapply(cols, function(v) within(d[[v]], d$county))
psqrt <- function(A) { e <- eigen(A, symmetric = TRUE); e$vectors %*% diag(sqrt(pmax(e$values, 0)), nrow(A)) %*% t(e$vectors) }
resid_on <- function(Y, X) Y - X %*% solve(crossprod(X), crossprod(X, Y))

kp <- function(d, x1, x2, z, vtype, lm = FALSE) {
  X1 <- M(d, x1); X2 <- M(d, x2); Z <- M(d, z)
  Xt <- resid_on(X2, X1); Zt <- resid_on(Z, X1)
  n <- nrow(d); K <- ncol(X2); L <- ncol(Z); kw <- ncol(X1) + L; Gn <- length(unique(d$county))
  Pi <- solve(crossprod(Zt), crossprod(Zt, Xt)); V <- Xt - Zt %*% Pi
  if (lm) V <- Xt   # LM (ranktest): the score covariance from the regressors themselves (residuals under Pi = 0), no small-sample factor
  ZZi <- solve(crossprod(Zt))
  if (vtype == "iid" && lm) {
    VPi <- NULL
  } else if (vtype == "iid") {
    Sig <- crossprod(V) / (n - kw - Gn)
    VPi <- kronecker(Sig, ZZi)
  } else {
    H <- t(sapply(split(seq_len(n), d$county), function(r) as.vector(crossprod(Zt[r, , drop = FALSE], V[r, , drop = FALSE]))))
    if (L * K == 1) H <- t(H)
    meat <- crossprod(H); bread <- kronecker(diag(K), ZZi)
    fac <- if (lm) 1 else Gn / (Gn - 1) * (n - 1) / (n - (kw + 1))
    VPi <- fac * bread %*% meat %*% bread
  }
  Fm <- chol(crossprod(Zt)); Gm <- chol(crossprod(Xt))
  Theta <- Fm %*% Pi %*% solve(Gm)
  T1 <- kronecker(t(solve(Gm)), Fm)
  VTh <- if (is.null(VPi)) diag(L * K) / n else T1 %*% VPi %*% t(T1)
  s <- svd(Theta, nu = L, nv = K); U <- s$u; Vv <- s$v
  U22 <- U[K:L, K:L, drop = FALSE]; v22 <- Vv[K, K, drop = FALSE]
  A <- U[, K:L, drop = FALSE] %*% solve(U22) %*% psqrt(U22 %*% t(U22))
  B <- psqrt(v22 %*% t(v22)) %*% solve(t(v22)) %*% t(Vv[, K, drop = FALSE])
  kr <- kronecker(B, t(A))
  lam <- kr %*% as.vector(Theta)
  rk <- drop(t(lam) %*% solve(kr %*% VTh %*% t(kr)) %*% lam)
  out <- list(rk = rk, df = L - K + 1, rkF = rk / L, singular = s$d)
  if (vtype == "iid") {
    rho <- min(cancor(Xt, Zt, xcenter = FALSE, ycenter = FALSE)$cor)
    out$cancorWald <- (n - kw - Gn) * rho^2 / (1 - rho^2)
    out$andersonLM <- n * rho^2
  }
  out
}

hansen <- function(y, X, W, cl) {
  Xh <- W %*% solve(crossprod(W), crossprod(W, X))
  b <- solve(crossprod(Xh, X), crossprod(Xh, y)); u <- drop(y - X %*% b)
  if (is.null(cl)) S <- crossprod(W * u) else {
    H <- rowsum(W * u, cl); S <- crossprod(H)
  }
  Si <- solve(S)
  bg <- solve(t(X) %*% W %*% Si %*% t(W) %*% X, t(X) %*% W %*% Si %*% t(W) %*% y)
  e <- drop(y - X %*% bg); g <- crossprod(W, e)
  J <- drop(t(g) %*% Si %*% g)
  list(J = J, df = ncol(W) - ncol(X), pValue = pchisq(J, ncol(W) - ncol(X), lower.tail = FALSE), gmm = drop(bg))
}

x1 <- c("lprbconv", "ldensity"); z <- c("ltaxpc", "lmix", "lwcon")
one <- list(iid = kp(cr, x1, "lprbarr", z, "iid"), cluster = kp(cr, x1, "lprbarr", z, "cluster"),
            lmIid = kp(cr, x1, "lprbarr", z, "iid", lm = TRUE), lmCluster = kp(cr, x1, "lprbarr", z, "cluster", lm = TRUE))
two <- list(iid = kp(cr, x1, c("lprbarr", "lpolpc"), z, "iid"), cluster = kp(cr, x1, c("lprbarr", "lpolpc"), z, "cluster"),
            lmIid = kp(cr, x1, c("lprbarr", "lpolpc"), z, "iid", lm = TRUE), lmCluster = kp(cr, x1, c("lprbarr", "lpolpc"), z, "cluster", lm = TRUE))
# K = 1 special case: cluster Wald F of the excluded instruments in the first stage (lm with county dummies)
fs <- lm(lprbarr ~ lprbconv + ldensity + ltaxpc + lmix + lwcon + factor(county), data = cr)
Gn <- 90; n <- nrow(cr)
Vfs <- vcovCL(fs, cluster = ~county, type = "HC0", cadjust = FALSE) * Gn / (Gn - 1) * (n - 1) / (n - 6)
b <- coef(fs)[z]; one$cluster$firstStageF <- drop(t(b) %*% solve(Vfs[z, z]) %*% b) / 3

y <- within(cr$lcrmrte, cr$county)
W <- M(cr, c(x1, z))
jOne <- hansen(y, M(cr, c(x1, "lprbarr")), W, cr$county)
jTwo <- hansen(y, M(cr, c(x1, "lprbarr", "lpolpc")), W, cr$county)
jTwoHC <- hansen(y, M(cr, c(x1, "lprbarr", "lpolpc")), W, NULL)

data("CigarettesSW", package = "AER")
cs <- subset(CigarettesSW, year == "1995")
cig <- data.frame(lpacks = log(cs$packs), lrincome = log(cs$income / cs$population / cs$cpi), lrprice = log(cs$price / cs$cpi),
                  tdiff = (cs$taxs - cs$tax) / cs$cpi, rtax = cs$tax / cs$cpi)
jCig <- hansen(cig$lpacks, cbind(1, cig$lrincome, cig$lrprice), cbind(1, cig$lrincome, cig$tdiff, cig$rtax), NULL)

# wild cluster bootstrap, 8 counties
sm <- cr[cr$county %in% sort(unique(cr$county))[1:8], ]
G <- 8; ns <- nrow(sm); cl <- as.integer(factor(sm$county))
dm <- function(v) within(v, sm$county)
y1 <- dm(sm$lcrmrte); x2 <- dm(sm$lprbarr); X1 <- cbind(dm(sm$lprbconv)); Ws <- cbind(X1, dm(sm$ltaxpc), dm(sm$lmix))
tsls_t <- function(y, x2, beta0) {
  X <- cbind(X1, x2); Xh <- Ws %*% solve(crossprod(Ws), crossprod(Ws, X))
  B <- solve(crossprod(Xh)); b <- B %*% crossprod(Xh, y); u <- drop(y - X %*% b)
  H <- rowsum(Xh * u, cl); V <- B %*% crossprod(H) %*% B * G / (G - 1) * (ns - 1) / (ns - (ncol(X) + 1))
  k <- ncol(X); (b[k] - beta0) / sqrt(V[k, k])
}
wild_at <- function(beta0) {
  t0 <- tsls_t(y1, x2, beta0)
  g1 <- solve(crossprod(X1), crossprod(X1, y1 - beta0 * x2)); u1 <- drop(y1 - beta0 * x2 - X1 %*% g1)
  rf <- lm.fit(cbind(Ws, u1), x2); pi <- rf$coefficients[seq_len(ncol(Ws))]; u2 <- drop(x2 - Ws %*% pi)
  signs <- as.matrix(expand.grid(rep(list(c(-1, 1)), G)))
  wre <- apply(signs, 1, function(w) { wi <- w[cl]; x2s <- dm(drop(Ws %*% pi) + u2 * wi); ys <- dm(beta0 * x2s + drop(X1 %*% g1) + u1 * wi); tsls_t(ys, x2s, beta0) })
  wcr <- apply(signs, 1, function(w) { wi <- w[cl]; ys <- dm(beta0 * x2 + drop(X1 %*% g1) + u1 * wi); tsls_t(ys, x2, beta0) })
  # ties (the all-ones pattern reproduces t exactly) are counted, up to rounding
  list(null = beta0, t = t0,
       wre = list(pValue = mean(abs(wre) >= abs(t0) * (1 - 1e-10)), tSorted = sort(wre)),
       wcr = list(pValue = mean(abs(wcr) >= abs(t0) * (1 - 1e-10)), tSorted = sort(wcr)))
}
wild <- list(n = ns, clusters = G, counties = sort(unique(sm$county)), at0 = wild_at(0), at1 = wild_at(1))

out <- list(source = sprintf("R %s.%s, plm %s, AER %s, sandwich %s; formulas by hand", R.version$major, R.version$minor,
                             packageVersion("plm"), packageVersion("AER"), packageVersion("sandwich")),
            kpOne = one, kpTwo = two, jOne = jOne, jTwo = jTwo, jTwoHC = jTwoHC, jCig = jCig, wild = wild, crime = cr)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "iv-diagnostics.json")
str(out[c("kpOne", "kpTwo", "jOne", "jTwo", "jTwoHC", "jCig", "wild")])
