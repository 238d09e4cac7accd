# Reference values for random-effects spatial panel models and the spatial Hausman test, made with
# R's splm 1.6-5 (Millo & Piras 2012, J. Stat. Softw. 47(1)), plm 2.6-2, spdep 1.2-7, nlme 3.1-162,
# spData 2.2-1, numDeriv 2016.8-1.1. Run from test/reference:  Rscript spatial-panel-re.R
# Writes spatial-panel-re.json, produc-panel.csv and usa48.gal (the Columbus panel and its weights,
# columbus-sim-panel.csv and columbus.gal, were written by ../shared/reference/spatial-panel-columbus-sim.R
# and are copied here unchanged).
#
# Models (splm's spml(model = "random"), individual effects, its default starting values "zeros"):
#   sar_re: lag = TRUE,  spatial.error = "none"  -> spreml(errors = "re"),    sarREmod
#           y = lambda (I_T x W) y + X b + u,  u = (iota_T x I_N) mu + e      (splm: arcoef "lambda", errcomp "phi")
#   sem_re: lag = FALSE, spatial.error = "b"     -> spreml(errors = "semre"), semREmod
#           y = X b + u, u = (iota_T x I_N) mu + (I_T x B^-1) e, B = I - rho W (Baltagi, Song & Koh 2003;
#           splm: errcomp c("phi", "rho")).
#   sem_kkp: lag = FALSE, spatial.error = "kkp" -> spreml(errors = "sem2re"), sem2REmod
#           y = X b + u, u = (I_T x B^-1)[(iota_T x I_N) mu + e] (Kapoor, Kelejian & Prucha 2007: the region
#           effects spatially correlated too).
#   phi = sigma2_mu / sigma2_e; sigma2 = sigma2_e (splm's sigma2$idios).
# splm's standard errors: vcov (betas) = sigma2 (X' Sigma^-1 X)^-1 at the optimum; vcov.arcoef and
# vcov.errcomp from nlme::fdHess of the concentrated log-likelihood (a finite-difference Hessian, step
# eps^(1/3) relative).  To tell the finite-difference error apart from a disagreement, this script also
# writes the same inverse Hessian by numDeriv::hessian (Richardson extrapolation, r = 4 halvings from a first
# step of 1e-2 |x|, larger than numDeriv's default 1e-4 |x| so that rounding in the log-likelihood, ~1e-11,
# is not amplified: its error is then ~1e-7) of the concentrated log-likelihood written out below with
# dense matrices, exactly as sarREmod / semREmod write it ("se_richardson"), and that log-likelihood at splm's estimates ("loglik_dense", which must equal splm's).
# impacts (lag model): splm's impacts.splm point estimates direct/indirect/total (LeSage & Pace 2009).
# sphtest: sphtest(fe, re) with fe = spml(model = "within", effect = "individual") of the same
# specification: chi2 = |d' (V_re - V_fe)^-1 d| on the common slopes (the spatial coefficient and the
# intercept are not compared).
suppressMessages({library(splm); library(plm); library(spdep); library(numDeriv); library(jsonlite)})
options(digits = 15)

## data: the Columbus simulated panel, and Munnell's productivity panel (plm::Produc) with the contiguity of the
## 48 states, spData::usa48.nb (Debian r-cran-spdata), which row-standardized is exactly splm's usaww
d <- read.csv("columbus-sim-panel.csv")
nb <- read.gal("columbus.gal")
lw <- nb2listw(nb, style = "W")
data(Produc, package = "plm")
data(usaww, package = "splm")
p <- data.frame(state = as.integer(factor(Produc$state)), year = Produc$year, lgsp = log(Produc$gsp),
                lpcap = log(Produc$pcap), lpc = log(Produc$pc), lemp = log(Produc$emp), unemp = Produc$unemp)
data(used.cars, package = "spData")                      # loads usa48.nb
stopifnot(identical(rownames(usaww), levels(factor(Produc$state))))
nbu <- usa48.nb
attr(nbu, "region.id") <- as.character(1:48)             # states numbered as factor(Produc$state)
write.nb.gal(nbu, "usa48.gal")
write.csv(p, "produc-panel.csv", row.names = FALSE)
lwu <- nb2listw(nbu, style = "W")
stopifnot(max(abs(listw2mat(lwu) - usaww)) == 0)          # the same weights as splm's documented example

## the concentrated log-likelihoods of sarREmod and semREmod, dense (sorted by unit, then period)
llSAR <- function(par, y, X, W, n, t) {                   # par = c(phi, lambda)
  phi <- par[1]; lam <- par[2]
  Si <- kronecker(diag(n), solve(phi * matrix(1, t, t) + diag(t)))
  Wy <- as.vector(kronecker(W, diag(t)) %*% y)
  Ay <- y - lam * Wy
  b <- solve(t(X) %*% Si %*% X, t(X) %*% Si %*% Ay)
  e <- Ay - X %*% b
  s2 <- as.numeric(t(e) %*% Si %*% e) / (n * t)
  -(n * t) / 2 * log(2 * pi) + t * log(det(diag(n) - lam * W)) - n / 2 * log(t * phi + 1) -
    (n * t) / 2 * log(s2) - (n * t) / 2
}
llSEM <- function(par, y, X, W, n, t) {                   # par = c(phi, rho); sorted by period, then unit
  phi <- par[1]; rho <- par[2]
  B <- diag(n) - rho * W; BB <- t(B) %*% B
  Jb <- matrix(1, t, t) / t; Et <- diag(t) - Jb
  Si <- kronecker(Jb, solve(t * phi * diag(n) + solve(BB))) + kronecker(Et, BB)
  b <- solve(t(X) %*% Si %*% X, t(X) %*% Si %*% y)
  e <- y - X %*% b
  s2 <- as.numeric(t(e) %*% Si %*% e) / (n * t)
  -(n * t) / 2 * log(2 * pi) - 0.5 * log(det(t * phi * diag(n) + solve(BB))) + (t - 1) * log(det(B)) -
    (n * t) / 2 * log(s2) - (n * t) / 2
}
llKKP <- function(par, y, X, W, n, t) {                   # par = c(phi, rho); sorted by period, then unit
  phi <- par[1]; rho <- par[2]
  B <- diag(n) - rho * W; BB <- t(B) %*% B
  Jb <- matrix(1, t, t) / t; Et <- diag(t) - Jb
  Si <- kronecker(Jb / (t * phi + 1) + Et, BB)
  b <- solve(t(X) %*% Si %*% X, t(X) %*% Si %*% y)
  e <- y - X %*% b
  s2 <- as.numeric(t(e) %*% Si %*% e) / (n * t)
  -(n * t) / 2 * log(2 * pi) - n / 2 * log(t * phi + 1) + t * log(det(B)) - (n * t) / 2 * log(s2) - (n * t) / 2
}
design <- function(f, data, index, byUnit) {
  pm <- plm(f, data, index = index, model = "pooling")
  X <- model.matrix(pm); y <- pmodel.response(pm)
  ix <- attr(pm$model, "index")
  o <- if (byUnit) order(ix[, 1], ix[, 2]) else order(ix[, 2], ix[, 1])
  list(X = X[o, , drop = FALSE], y = as.vector(y[o]), n = length(unique(ix[, 1])), t = length(unique(ix[, 2])))
}

one <- function(f, data, index, listw, lag, kkp = FALSE) {
  err <- if (lag) "none" else if (kkp) "kkp" else "b"
  re <- spml(f, data = data, index = index, listw = listw, model = "random", lag = lag, spatial.error = err)
  fe <- spml(f, data = data, index = index, listw = listw, model = "within", effect = "individual",
             lag = lag, spatial.error = err)
  h <- sphtest(fe, re)
  W <- listw2mat(listw)
  dz <- design(f, data, index, byUnit = lag)
  if (lag) {
    par <- c(re$errcomp[["phi"]], re$arcoef[["lambda"]])
    ll <- function(q) llSAR(q, dz$y, dz$X, W, dz$n, dz$t)
    seHess <- sqrt(c(re$vcov.errcomp[1, 1], re$vcov.arcoef[1, 1]))
  } else {
    par <- c(re$errcomp[["phi"]], re$errcomp[["rho"]])
    ll <- if (kkp) function(q) llKKP(q, dz$y, dz$X, W, dz$n, dz$t) else function(q) llSEM(q, dz$y, dz$X, W, dz$n, dz$t)
    seHess <- sqrt(diag(re$vcov.errcomp))
  }
  Vr <- solve(-hessian(ll, par, method.args = list(d = 1e-2)))
  spName <- if (lag) "lambda" else "rho"
  imp <- NULL
  if (lag) {                                    # point impacts (splm impacts.splm; its simulated SEs are not stored)
    set.seed(1)
    im <- impacts(re, listw = listw, time = dz$t, R = 200)
    nm <- setdiff(names(re$coefficients), "(Intercept)")
    imp <- lapply(im$res, function(v) setNames(as.list(v), nm))
  }
  list(impacts = imp, coef = as.list(re$coefficients),
       se = setNames(as.list(sqrt(diag(re$vcov))), names(re$coefficients)),
       phi = re$errcomp[["phi"]], spatial = par[2], spatial_name = spName,
       se_phi = seHess[1], se_spatial = seHess[2],
       se_richardson = list(phi = sqrt(Vr[1, 1]), spatial = sqrt(Vr[2, 2])),
       sigma2 = re$sigma2$idios, sigma2_mu = re$sigma2$id,
       loglik = as.numeric(re$logLik), loglik_dense = ll(par),
       fe = list(coef = as.list(coef(fe)), se = setNames(as.list(sqrt(diag(fe$vcov))), names(coef(fe)))),
       sphtest = list(statistic = unname(h$statistic[1]), df = unname(h$parameter), p_value = unname(h$p.value[1])))
}

out <- list(
  columbus_sar_re = one(y_lag ~ x1 + x2, d, c("region", "year"), lw, TRUE),
  columbus_sem_re = one(y_err ~ x1 + x2, d, c("region", "year"), lw, FALSE),
  produc_sar_re = one(lgsp ~ lpcap + lpc + lemp + unemp, p, c("state", "year"), lwu, TRUE),
  produc_sem_re = one(lgsp ~ lpcap + lpc + lemp + unemp, p, c("state", "year"), lwu, FALSE),
  columbus_sem_kkp = one(y_err ~ x1 + x2, d, c("region", "year"), lw, FALSE, kkp = TRUE),
  produc_sem_kkp = one(lgsp ~ lpcap + lpc + lemp + unemp, p, c("state", "year"), lwu, FALSE, kkp = TRUE))
out$versions <- list(splm = as.character(packageVersion("splm")), plm = as.character(packageVersion("plm")),
                     spdep = as.character(packageVersion("spdep")), spData = as.character(packageVersion("spData")), nlme = as.character(packageVersion("nlme")),
                     numDeriv = as.character(packageVersion("numDeriv")), R = as.character(getRversion()))
out$note <- paste("splm names the lag coefficient 'lambda' and the error coefficient 'rho';",
                  "se_phi and se_spatial are splm's (nlme::fdHess), se_richardson the same inverse Hessian by numDeriv")
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "spatial-panel-re.json")
