package org.smishguard.demo

import android.app.Activity
import android.content.Context
import android.graphics.Typeface
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView

// Views are built in code: four small screens of text, buttons and fields don't need layout XML,
// and everything stays readable in one place per screen. Strings come from res/ (values, values-zh).

/** [v] density-independent pixels in pixels. */
internal fun Context.dp(v: Int): Int = (v * resources.displayMetrics.density + 0.5f).toInt()

/** Sets a scrolling vertical column as the content view and returns the column. */
internal fun Activity.scrollingColumn(): LinearLayout {
    val column = LinearLayout(this).apply {
        orientation = LinearLayout.VERTICAL
        setPadding(dp(16), dp(16), dp(16), dp(16))
    }
    val scroll = ScrollView(this).apply {
        // targetSdk 35 draws edge to edge on Android 15: keep the content clear of the system bars.
        fitsSystemWindows = true
        addView(column, ViewGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT))
    }
    setContentView(scroll)
    return column
}

/** Adds a text view. */
internal fun LinearLayout.text(value: CharSequence = "", sizeSp: Float = 15f, bold: Boolean = false, topDp: Int = 4): TextView {
    val tv = TextView(context)
    tv.text = value
    tv.textSize = sizeSp
    tv.setTextIsSelectable(false)
    if (bold) tv.setTypeface(tv.typeface, Typeface.BOLD)
    addView(tv, wide(topDp))
    return tv
}

/** Adds a section heading. */
internal fun LinearLayout.heading(res: Int): TextView = text(context.getString(res), sizeSp = 18f, bold = true, topDp = 16)

/** Adds a button. */
internal fun LinearLayout.button(res: Int, onClick: (View) -> Unit): Button {
    val b = Button(context)
    b.text = context.getString(res)
    b.setOnClickListener(onClick)
    addView(b, wide(8))
    return b
}

/** Full-width layout params with a top margin. */
internal fun LinearLayout.wide(topDp: Int): LinearLayout.LayoutParams =
    LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT).apply {
        topMargin = context.dp(topDp)
    }

/** The locale the app's resources are showing (follows the system language). */
internal val Context.uiLocale: java.util.Locale
    get() = resources.configuration.locales.get(0) ?: java.util.Locale.getDefault()
