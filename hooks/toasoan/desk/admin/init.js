/* Runs before the CMS script: the desk starts the CMS itself, with the
   configuration it gets from config.json. */
"use strict";
window.CMS_MANUAL_INIT = true;
/* toasoan edit's own backend has no accounts: skip the CMS's "Login" screen
   (remote editors, data-desk-mode="remote", sign in to GitHub instead). */
if (document.documentElement.getAttribute("data-desk-mode") === "local") {
  try {
    var stored = JSON.parse(window.localStorage.getItem("decap-cms-user") || "null");
    if (!stored || stored.backendName !== "proxy") {
      window.localStorage.setItem("decap-cms-user", JSON.stringify({ backendName: "proxy" }));
    }
  } catch (error) {
    /* storage unavailable: the CMS shows its Login button instead */
  }
}
