/* The product page, enhanced: gallery thumbnails and zoom, the variant picker without a reload, and
   the mobile add-to-basket bar. Every part works without this file: thumbnails and zoom are links to
   the pictures, the picker is a GET form the server answers, the bar stays hidden. */
(function () {
  "use strict";

  var page = document.querySelector("[data-product-page]");
  if (!page) {
    return;
  }

  // --- gallery -------------------------------------------------------------------------------

  var mainImage = page.querySelector("[data-gallery-main]");
  var zoomLink = page.querySelector("[data-gallery-zoom]");
  var dialog = page.querySelector("[data-gallery-dialog]") || document.querySelector("[data-gallery-dialog]");
  var thumbs = Array.prototype.slice.call(page.querySelectorAll("[data-gallery-thumb]"));

  function showImage(image) {
    if (!mainImage || !image) {
      return;
    }
    mainImage.src = image.src;
    if (image.srcset) {
      mainImage.srcset = image.srcset;
    } else {
      mainImage.removeAttribute("srcset");
    }
    if (image.width && image.height) {
      mainImage.width = image.width;
      mainImage.height = image.height;
    }
    if (image.alt) {
      mainImage.alt = image.alt;
    }
    if (zoomLink && image.full) {
      zoomLink.href = image.full;
    }
  }

  thumbs.forEach(function (thumb) {
    // A link to the picture becomes a button that shows it large on the page.
    thumb.setAttribute("role", "button");
    thumb.addEventListener("click", function (event) {
      event.preventDefault();
      var picture = thumb.querySelector("img");
      showImage({
        src: thumb.dataset.src,
        srcset: thumb.dataset.srcset,
        width: thumb.dataset.width,
        height: thumb.dataset.height,
        full: thumb.dataset.full,
        alt: picture ? picture.alt.replace(/^[^:]*: /, "") || mainImage.alt : mainImage.alt
      });
      thumbs.forEach(function (other) {
        if (other === thumb) {
          other.setAttribute("aria-current", "true");
        } else {
          other.removeAttribute("aria-current");
        }
      });
    });
    thumb.addEventListener("keydown", function (event) {
      // role=button answers the space bar as a button does.
      if (event.key === " ") {
        event.preventDefault();
        thumb.click();
      }
    });
  });

  if (zoomLink && dialog && typeof dialog.showModal === "function") {
    var dialogImage = dialog.querySelector("[data-gallery-dialog-image]");
    zoomLink.addEventListener("click", function (event) {
      event.preventDefault();
      dialogImage.src = zoomLink.href;
      dialogImage.alt = mainImage ? mainImage.alt : "";
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      zoomLink.focus();
    });
    dialog.addEventListener("click", function (event) {
      // A click on the backdrop (the dialog itself, outside its content) closes it.
      if (event.target === dialog) {
        dialog.close();
      }
    });
  }

  // --- variant picker --------------------------------------------------------------------------

  var picker = page.querySelector("[data-variant-picker]");
  var island = document.getElementById("product-variants");
  var basketForm = document.getElementById("add_to_basket_form");
  var addButton = basketForm ? basketForm.querySelector("[data-add-button]") : null;
  var stickyButton = page.querySelector("[data-sticky-button]");
  var stickyPrice = page.querySelector("[data-sticky-price]");
  var alertForm = page.querySelector("[data-stock-alert]");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function renderPrice(variant, labels) {
    var box = page.querySelector("[data-product-price]");
    if (!box) {
      return;
    }
    box.textContent = "";
    if (variant.was) {
      var offer = el("p", "price price--offer");
      offer.appendChild(el("span", "visually-hidden", labels.offerPrice));
      offer.appendChild(document.createTextNode(" "));
      offer.appendChild(el("span", "price__now", variant.now));
      offer.appendChild(document.createTextNode(" "));
      offer.appendChild(el("span", "visually-hidden", labels.normalPrice));
      offer.appendChild(document.createTextNode(" "));
      offer.appendChild(el("del", "price__was", variant.was));
      box.appendChild(offer);
      var name = el("p", "product-price__offer");
      name.appendChild(el("span", "badge badge--sale", variant.offer));
      box.appendChild(name);
    } else if (variant.price) {
      var plain = el("p", "price");
      plain.appendChild(el("span", "price__now", variant.price));
      box.appendChild(plain);
    }
    if (stickyPrice) {
      stickyPrice.textContent = variant.was ? variant.now : variant.price;
    }
  }

  function renderStock(variant) {
    var stock = page.querySelector("[data-product-stock]");
    if (stock) {
      stock.textContent = variant.stock;
      stock.className = "product-stock availability " + variant.stockCode;
    }
  }

  function renderBasketForm(variant, labels) {
    if (basketForm) {
      basketForm.action = variant.addUrl;
    }
    [addButton, stickyButton].forEach(function (button) {
      if (button) {
        button.disabled = !variant.available;
      }
    });
    if (addButton) {
      addButton.textContent = variant.available ? labels.addToBasket : labels.soldOutButton;
    }
    if (alertForm) {
      alertForm.action = variant.alertUrl;
      alertForm.hidden = variant.available;
    }
  }

  function chosenValues() {
    var values = {};
    Array.prototype.forEach.call(picker.querySelectorAll("input[type=radio]:checked"), function (input) {
      values[input.name] = input.value;
    });
    return values;
  }

  function matches(variant, values, except) {
    return Object.keys(values).every(function (code) {
      return code === except || variant.values[code] === values[code];
    });
  }

  function markChoices(data, values) {
    // Each option says whether a variant with it (and the other options as chosen) can be bought.
    Array.prototype.forEach.call(picker.querySelectorAll("input[type=radio]"), function (input) {
      var code = input.name;
      var candidates = data.variants.filter(function (variant) {
        return variant.values[code] === input.value && matches(variant, values, code);
      });
      var available = candidates.some(function (variant) {
        return variant.available;
      });
      var holder = input.closest("[data-choice]");
      var note = holder ? holder.querySelector("[data-choice-note]") : null;
      if (holder) {
        holder.classList.toggle("variant-picker__option--sold-out", !available);
      }
      if (note) {
        note.textContent = "";
        if (!available) {
          var hidden = el("span", "visually-hidden", "— ");
          note.appendChild(document.createTextNode(" "));
          note.appendChild(hidden);
          note.appendChild(document.createTextNode(candidates.length ? data.labels.soldOut : data.labels.unavailable));
        }
      }
    });
  }

  if (picker && island) {
    var data = JSON.parse(island.textContent);
    var submit = picker.querySelector("[data-variant-submit]");
    if (submit) {
      submit.hidden = true;
    }
    picker.addEventListener("change", function () {
      var values = chosenValues();
      markChoices(data, values);
      var variant = data.variants.filter(function (candidate) {
        return data.dimensions.every(function (code) {
          return candidate.values[code] === values[code];
        });
      })[0];
      var error = picker.querySelector("#variant-picker-error");
      if (error) {
        error.remove();
      }
      if (!variant) {
        renderBasketForm({ available: false, addUrl: basketForm ? basketForm.action : "" }, data.labels);
        return;
      }
      renderPrice(variant, data.labels);
      renderStock(variant);
      renderBasketForm(variant, data.labels);
      if (variant.image) {
        showImage(variant.image);
      }
      if (window.history && window.history.replaceState) {
        // The address names the variant, as the no-JavaScript form would: shareable and reloadable.
        var query = new URLSearchParams(window.location.search);
        data.dimensions.forEach(function (code) {
          query.set(code, values[code]);
        });
        window.history.replaceState(null, "", window.location.pathname + "?" + query.toString());
      }
    });
  }

  // --- the mobile add-to-basket bar -------------------------------------------------------------

  var bar = page.querySelector("[data-sticky-buy]");
  var buyBox = page.querySelector("[data-buy-box]");
  if (bar && buyBox && "IntersectionObserver" in window) {
    var narrow = window.matchMedia("(max-width: 40rem)");
    var buyBoxGone = false;
    var update = function () {
      var show = narrow.matches && buyBoxGone;
      bar.hidden = !show;
      // Room below the page for the bar, so it never covers the footer's last line.
      document.body.classList.toggle("has-sticky-buy", show);
    };
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        // Shown only once the buy box has scrolled away above the screen, not before reaching it.
        buyBoxGone = !entry.isIntersecting && entry.boundingClientRect.top < 0;
      });
      update();
    }).observe(buyBox);
    if (narrow.addEventListener) {
      narrow.addEventListener("change", update);
    }
  }
})();
