# Reference values for panelFE / panelRE / hausman, made with R's plm (Croissant & Millo 2008).
# Run from the repository root:  Rscript test/reference/plm-within.R
# Writes test/reference/plm-within.json (data included, so the tests need no R).
#
# Panels:
#   grunfeld    plm::Grunfeld, 10 firms x 20 years, balanced; inv ~ value + capital
#   grunfeld_u  Grunfeld with rows dropped (unbalanced): rows with (firm + year) %% 7 == 0 removed,
#               and firm 10 kept for 1935 only (a singleton entity, kept as plm keeps it)
#   empluk      plm::EmplUK, 140 firms, 7-9 years, unbalanced; log(emp) ~ log(wage) + log(capital)
# For each: within (individual, time, twoways) with classical SEs, plm vcovHC(arellano, HC1, group),
# vcovHC(white1, HC1), vcovSCC (defaults: HC0, maxlag = floor(max(Ti)^(1/4))), vcovDC(HC1),
# and hand-made sandwiches for the two clustered conventions:
#   plm    V = n/(n-k) * B M B                       (k = slopes)
#   stata  V = G/(G-1) * (n-1)/(n-K) * B M B          K = k + absorbed effects not nested in the
#          cluster (+1 for the constant) -- xtreg, fe vce(cluster id) with i.year dummies for time effects
# pFtest (within vs pooling), r.squared; random (Swamy-Arora, individual) and phtest.
suppressMessages({library(plm); library(jsonlite)})
options(digits = 15)

# The Grunfeld panels g and gu are built exactly as in test/reference/plm-random.R (kept in step by hand:
# each script stays runnable on its own; change both or neither).
data(Grunfeld, package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
gu <- g[!((g$firm + g$year) %% 7 == 0), ]
gu <- gu[!(gu$firm == 10 & gu$year != 1935), ]
data(EmplUK, package = "plm")
e <- EmplUK[, c("firm", "year", "emp", "wage", "capital")]
# coarser cluster groups (entities nested in them): pairs of Grunfeld firms, tens of EmplUK firms
g$grp <- (g$firm - 1) %/% 2
gu$grp <- (gu$firm - 1) %/% 2
e$grp <- e$firm %/% 10

handCluster <- function(m, convention, effect, cl = NULL) {
  X <- model.matrix(m)                       # within-transformed regressors
  u <- as.numeric(residuals(m))
  idx <- index(m)
  if (is.null(cl)) cl <- idx[[1]]
  n <- nrow(X); k <- ncol(X)
  B <- solve(crossprod(X))
  S <- rowsum(X * u, cl)
  M <- crossprod(S)
  G <- nrow(S)
  pd <- pdim(m)
  N <- pd$nT$n; TT <- pd$nT$T
  # an effect is nested in the clusters when each of its levels lies in one cluster
  nestedIn <- function(f) all(tapply(as.character(cl), f, function(v) length(unique(v)) == 1))
  if (convention == "plm") q <- n / (n - k)
  else {
    K <- k + 1
    if (effect %in% c("individual", "twoways") && !nestedIn(idx[[1]])) K <- K + N - 1
    if (effect %in% c("time", "twoways") && !nestedIn(idx[[2]])) K <- K + TT - 1
    q <- G / (G - 1) * (n - 1) / (n - K)
  }
  V <- q * B %*% M %*% B
  list(se = unname(sqrt(diag(V))), G = G)
}

fitAll <- function(d, f, effect) {
  pd <- pdata.frame(d, index = c("firm", "year"))
  m <- plm(f, data = pd, model = "within", effect = effect)
  pool <- plm(f, data = pd, model = "pooling")
  ft <- pFtest(m, pool)
  se <- function(V) unname(sqrt(diag(V)))
  sm <- summary(m)
  list(
    terms = names(coef(m)),
    coef = unname(coef(m)),
    se_classical = se(vcov(m)),
    df_residual = df.residual(m),
    r2 = unname(sm$r.squared[["rsq"]]),
    adjr2 = unname(sm$r.squared[["adjrsq"]]),
    se_arellano_hc1 = se(vcovHC(m, method = "arellano", type = "HC1", cluster = "group")),
    se_white1_hc1 = se(vcovHC(m, method = "white1", type = "HC1")),
    se_scc = se(vcovSCC(m)),
    scc_maxlag = floor(max(pdim(m)$Tint$Ti)^(1/4)),
    se_dc_hc1 = se(vcovDC(m, type = "HC1")),
    hand_plm = handCluster(m, "plm", effect)$se,
    hand_stata = handCluster(m, "stata", effect)$se,
    se_arellano_time_hc1 = se(vcovHC(m, method = "arellano", type = "HC1", cluster = "time")),
    hand_plm_time = handCluster(m, "plm", effect, index(m)[[2]])$se,
    hand_stata_time = handCluster(m, "stata", effect, index(m)[[2]])$se,
    # clusters coarser than entities (column grp; rows of pd are in the data's firm-year order)
    hand_plm_grp = handCluster(m, "plm", effect, as.numeric(pd$grp))$se,
    hand_stata_grp = handCluster(m, "stata", effect, as.numeric(pd$grp))$se,
    clusters = handCluster(m, "plm", effect)$G,
    fixef = if (effect == "twoways") NULL else as.list(fixef(m, type = "level")),
    ftest = list(statistic = unname(ft$statistic), df1 = unname(ft$parameter[1]),
                 df2 = unname(ft$parameter[2]), p = unname(ft$p.value)),
    n = nobs(m)
  )
}

fitRE <- function(d, f) {
  pd <- pdata.frame(d, index = c("firm", "year"))
  fe <- plm(f, data = pd, model = "within")
  re <- plm(f, data = pd, model = "random", random.method = "swar")
  h <- phtest(fe, re)
  ec <- ercomp(re)
  list(terms = names(coef(re)), coef = unname(coef(re)), se = unname(sqrt(diag(vcov(re)))),
       sigma2_idios = unname(ec$sigma2[["idios"]]), sigma2_id = unname(ec$sigma2[["id"]]),
       theta = unname(as.numeric(ec$theta))[1:min(3, length(ec$theta))],
       theta_summary = unname(as.numeric(summary(as.numeric(ec$theta)))),
       r2 = unname(summary(re)$r.squared[["rsq"]]),
       hausman = list(statistic = unname(h$statistic), df = unname(h$parameter), p = unname(h$p.value)))
}

# Wald test of interaction terms (do the value slopes differ across 3 firm groups?), two-way FE,
# plm-convention clustered vcov; F = W/q on (q, df.residual) as lmtest::waldtest with vcov would.
fitWald <- function(d) {
  d$grp <- d$firm %% 3
  pd <- pdata.frame(d, index = c("firm", "year"))
  m <- plm(inv ~ value + capital + value:factor(grp), data = pd, model = "within", effect = "twoways")
  V <- vcovHC(m, method = "arellano", type = "HC1", cluster = "group")
  sel <- grep("^value:", names(coef(m)))
  b <- coef(m)[sel]
  W <- as.numeric(t(b) %*% solve(V[sel, sel]) %*% b)
  q <- length(sel)
  list(terms = names(coef(m)), coef = unname(coef(m)), tested = names(b), F = W / q, df1 = q,
       df2 = df.residual(m), p = pf(W / q, q, df.residual(m), lower.tail = FALSE),
       data = d)
}

out <- list(
  wald = fitWald(g),
  plm_version = as.character(packageVersion("plm")),
  data = list(grunfeld = g, grunfeld_u = gu, empluk = e),
  grunfeld = lapply(c(individual = "individual", time = "time", twoways = "twoways"),
                    function(ef) fitAll(g, inv ~ value + capital, ef)),
  grunfeld_u = lapply(c(individual = "individual", time = "time", twoways = "twoways"),
                      function(ef) fitAll(gu, inv ~ value + capital, ef)),
  empluk = lapply(c(individual = "individual", time = "time", twoways = "twoways"),
                  function(ef) fitAll(e, log(emp) ~ log(wage) + log(capital), ef)),
  random = list(grunfeld = fitRE(g, inv ~ value + capital),
                grunfeld_u = fitRE(gu, inv ~ value + capital),
                empluk = fitRE(e, log(emp) ~ log(wage) + log(capital)))
)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE, dataframe = "columns"),
      "test/reference/plm-within.json")
cat("wrote test/reference/plm-within.json\n")
