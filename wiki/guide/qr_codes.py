"""QR codes for the printed guide, as inline SVG: vector, so they stay sharp at any scale."""

import segno

QUIET_ZONE_MODULES = 4  # the width of light border that readers need around the code


def qr_svg(url: str) -> str:
    """An `<svg>` element that encodes `url`, with its quiet zone on a white background.

    Error correction level M survives a fold or a coffee stain without making the code denser
    than needed; the size is left to the CSS (the SVG scales to its box).
    """
    code = segno.make(url, error="m", boost_error=False, micro=False)
    return code.svg_inline(
        scale=1,
        border=QUIET_ZONE_MODULES,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
    )
