/* The storefront's one script: drawers (menu, basket, filters), search suggestions, the sort menu, and the
   few calls Oscar's templates make to its jQuery ui.js (`oscar.*`), which the storefront no longer loads.
   Everything here improves a page that already works without it. */
(function () {
    "use strict";

    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");

    /* Drawers: <dialog> opened by [data-drawer-open=id] (a link to the full page without JavaScript). */
    function openerOf(dialog) {
        return document.querySelectorAll("[data-drawer-open='" + dialog.id + "']");
    }

    function setExpanded(dialog, expanded) {
        openerOf(dialog).forEach(function (opener) {
            if (opener.hasAttribute("aria-expanded")) { opener.setAttribute("aria-expanded", String(expanded)); }
        });
    }

    document.addEventListener("click", function (event) {
        var opener = event.target.closest("[data-drawer-open]");
        if (opener) {
            var dialog = document.getElementById(opener.getAttribute("data-drawer-open"));
            if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
                // A restored page may show an empty drawer for a basket the count says is not: go to the page.
                var count = opener.querySelector("[data-visitor=basket-items]");
                if (count && count.textContent.trim() !== "0" && !dialog.querySelector(".mini-basket__line")) { return; }
                event.preventDefault();
                dialog.showModal();
                setExpanded(dialog, true);
            }
            return;
        }
        if (event.target.closest("[data-drawer-close]")) {
            var open = event.target.closest("dialog");
            if (open) { open.close(); }
            return;
        }
        // A click on the backdrop lands on the dialog itself, outside its content.
        if (event.target.tagName === "DIALOG" && event.target.classList.contains("drawer")) {
            var box = event.target.getBoundingClientRect();
            var inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
            if (!inside) { event.target.close(); }
        }
    });

    document.querySelectorAll("dialog.drawer").forEach(function (dialog) {
        dialog.addEventListener("close", function () { setExpanded(dialog, false); });
    });

    /* The header's "Shop" disclosure closes on a click elsewhere and on Escape (focus back on its summary). */
    document.addEventListener("click", function (event) {
        document.querySelectorAll("details.site-nav__shop[open]").forEach(function (details) {
            if (!details.contains(event.target)) { details.open = false; }
        });
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        var details = event.target.closest && event.target.closest("details.site-nav__shop[open]");
        if (details) { details.open = false; details.querySelector("summary").focus(); }
    });

    /* Search suggestions: the ARIA 1.2 combobox pattern over a listbox of products. */
    function initSuggestions(form) {
        var input = form.querySelector("input[name=q]");
        var list = form.querySelector("[role=listbox]");
        var url = form.getAttribute("data-suggest-url");
        if (!input || !list || !url || !window.fetch) { return; }
        var timer = null;
        var active = -1;
        var lastQuery = "";
        var controller = null;

        function options() { return list.querySelectorAll("[role=option]"); }

        function close() {
            list.hidden = true;
            list.textContent = "";
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var all = options();
            if (!all.length) { return; }
            active = (index + all.length) % all.length;
            all.forEach(function (option, i) { option.setAttribute("aria-selected", String(i === active)); });
            input.setAttribute("aria-activedescendant", all[active].id);
        }

        function render(results, query) {
            list.textContent = "";
            if (!results.length || input.value.trim() !== query) { close(); return; }
            results.forEach(function (result, i) {
                var option = document.createElement("li");
                option.id = "suggestion-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", result.url);
                if (result.image) {
                    var img = document.createElement("img");
                    img.src = result.image;
                    img.alt = "";
                    img.width = 40;
                    img.height = 40;
                    option.appendChild(img);
                }
                var title = document.createElement("span");
                title.textContent = result.title;
                option.appendChild(title);
                if (result.price) {
                    var price = document.createElement("span");
                    price.className = "suggestions__price";
                    price.textContent = result.price;
                    option.appendChild(price);
                }
                list.appendChild(option);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            active = -1;
        }

        function ask() {
            var query = input.value.trim();
            if (query === lastQuery) { return; }
            lastQuery = query;
            if (query.length < 2) { close(); return; }
            if (controller) { controller.abort(); }
            controller = window.AbortController ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(query), {
                headers: { "Accept": "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { render(data.results || [], query); })
                .catch(function () { /* the form still searches */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, 150);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden) { return; }
            if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
            else if (event.key === "Escape") { event.preventDefault(); close(); lastQuery = input.value.trim(); }
            else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.href = options()[active].getAttribute("data-url");
            }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 150); });
        list.addEventListener("mousedown", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) { event.preventDefault(); window.location.href = option.getAttribute("data-url"); }
        });
    }

    document.querySelectorAll("form[data-suggest-url]").forEach(initSuggestions);

    /* A sort menu sends its form when changed; its button stays for keyboards and no-JS visitors. */
    function initAutoSubmit() {
        document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
        });
    }
    initAutoSubmit();

    /* What Oscar's templates still call in their onbodyload blocks: each does what ui.js did, or nothing
       where the page already works without it. */
    function nothing() {}
    window.oscar = window.oscar || {
        init: nothing,
        search: { init: nothing },
        basket: { init: nothing },
        checkout: { gateway: { init: nothing } },
        customer: { wishlists: { init: nothing } },
        notifications: { init: nothing },
        forms: { init: nothing }
    };
})();
