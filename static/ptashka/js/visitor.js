/* The parts of a page that are one visitor's own (basket total, CSRF tokens, messages), fetched from
   /visitor/ for a page that may have come from a cache: a back/forward-cache restore, or a copy a
   shared cache kept (<html data-visitor-refresh>). Pages the server cache answers already carry the
   visitor's own token, so nothing here is needed to add to the basket or sign in without JavaScript. */
(function () {
    "use strict";

    function fill(state) {
        if (state.signed_in && document.getElementById("login_link")) {
            // Signed-in visitors are never served cached pages: the server renders theirs.
            window.location.reload();
            return;
        }
        var totals = document.querySelectorAll("[data-visitor=basket-total]");
        for (var i = 0; i < totals.length; i++) { totals[i].textContent = state.basket.total; }
        var counts = document.querySelectorAll("[data-visitor=basket-items]");
        for (var j = 0; j < counts.length; j++) { counts[j].textContent = String(state.basket.items); }
        var tokens = document.querySelectorAll("input[name=csrfmiddlewaretoken]");
        for (var k = 0; k < tokens.length; k++) { tokens[k].value = state.csrf_token; }
        var box = document.getElementById("messages");
        if (box) {
            state.messages.forEach(function (message) {
                var alert = document.createElement("div");
                alert.className = "alert alert-" + (message.level.indexOf("error") >= 0 ? "danger" : "info");
                alert.textContent = message.text;
                box.appendChild(alert);
            });
        }
    }

    function refresh() {
        var url = document.documentElement.getAttribute("data-visitor-url") || "/visitor/";
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (state) { if (state) { fill(state); } })
            .catch(function () { /* the page as served still works */ });
    }

    window.addEventListener("pageshow", function (event) {
        if (event.persisted || document.documentElement.hasAttribute("data-visitor-refresh")) { refresh(); }
    });
})();
