"""Present: the dashboard as a slide show for a conference hall, built from the live data and the filters."""

import streamlit as st

from industry.app import presenter, shell

ctx = shell.context()
presenter.hide_chrome()
plan, index = presenter.start(ctx)

area = st.container()
plan, index = presenter.controls(ctx, plan, index)
presenter.write_url(plan, index)

with area:
    if not plan.slides:
        st.info(ctx.tr("present.none_chosen"), icon=":material/slideshow:")
        st.stop()
    key = plan.slides[index]
    slide = presenter.slide(ctx, key, plan.notes.get(key, ""))
    presenter.draw(ctx, slide)
presenter.note(ctx, slide)
