// Copyright 2026 the k1s authors. Apache-2.0 license.
// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), slice-by-8: the journal checks every record on
// open, so the table-per-byte variant (about 3x slower here) would show in cold-open time.

// The eight tables (256 little-endian uint32 each), as `computeTables()` makes them: a cold
// process spent about 2 ms of interpreted loops building them, on every open of a store whose
// journal holds a record of 4 KiB or more. The test checks them against the computation.
const TABLES_BASE64 = `
  AAAAAJYwB3csYQ7uulEJmRnEbQeP9GpwNaVj6aOVZJ4yiNsOpLjceR7p1eCI2dKXK0y2Cb18sX4HLbjnkR2/kGQQtx3yILBq
  SHG5895BvoR91Noa6+TdbVG11PTHhdODVphsE8Coa2R6+WL97Mllik9cARTZbAZjYz0P+vUNCI3IIG47XhBpTORBYNVycWei
  0eQDPEfUBEv9hQ3Sa7UKpfqotTVsmLJC1sm720D5vKzjbNgydVzfRc8N1txZPdGrrDDZJjoA3lGAUdfIFmHQv7X0tCEjxLNW
  mZW6zw+lvbieuAIoCIgFX7LZDMYk6Quxh3xvLxFMaFirHWHBPS1mtpBB3HYGcdsBvCDSmCoQ1e+JhbFxH7W2BqXkv58z1Ljo
  oskHeDT5AA+OqAmWGJgO4bsNan8tPW0Il2xkkQFcY+b0UWtrYmFsHNgwZYVOAGLy7ZUGbHulARvB9AiCV8QP9cbZsGVQ6bcS
  6ri+i3yIufzfHd1iSS3aFfN804xlTNT7WGGyTc5RtTp0ALyj4jC71EGl30rXldg9bcTRpPv01tNq6WlD/NluNEaIZ63QuGDa
  cy0EROUdAzNfTAqqyXwN3TxxBVCqQQInEBALvoYgDMkltWhXs4VvIAnUZrmf5GHODvneXpjJ2SkimNCwtKjXxxc9s1mBDbQu
  O1y9t61susAgg7jttrO/mgzitgOa0rF0OUfV6q930p0VJtsEgxbccxILY+OEO2SUPmptDahaanoLzw7knf8JkyeuAAqxngd9
  RJMP8NKjCIdo8gEe/sIGaV1XYvfLZ2WAcTZsGecGa252G9T+4CvTiVp62hDMSt1nb9+5+fnvvo5DvrcX1Y6wYOij1tZ+k9Gh
  xMLYOFLy30/xZ7vRZ1e8pt0GtT9LNrJI2isN2EwbCq/2SgM2YHoEQcPvYN9V32eo745uMXm+aUaMs2HLGoNmvKDSbyU24mhS
  lXcMzANHC7u5FgIiLyYFVb47usUoC72yklq0KwRqs1yn/9fCMc/QtYue2Swdrt5bsMJkmybyY+yco2p1CpNtAqkGCZw/Ng7r
  hWcHchNXAAWCSr+VFHq44q4rsXs4G7YMm47Skg2+1eW379x8Id/bC9TS04ZC4tTx+LPdaG6D2h/NFr6BWya59uF3sG93R7cY
  5loIiHBqD//KOwZmXAsBEf+eZY9prmL40/9rYUXPbBZ44gqg7tIN11SDBE7CswM5YSZnp/cWYNBNR2lJ23duPkpq0a7cWtbZ
  ZgvfQPA72DdTrrypxZ673n/Pskfp/7UwHPK9vYrCusowk7NTpqO0JAU20LqTBtfNKVfeVL9n2SMuemazuEphxAIbaF2UK28q
  N74LtKGODMMb3wVaje8CLQAAAABBMRsZgmI2MsNTLSsExWxkRfR3fYanWlbHlkFPCIrZyEm7wtGK6O/6y9n04wxPtaxNfq61
  ji2Dns8cmIdREsJKECPZU9Nw9HiSQe9hVdeuLhTmtTfXtZgcloSDBVmYG4IYqQCb2/otsJrLNqldXXfmHGxs/98/QdSeDlrN
  oiSEleMVn4wgRrKnYXepvqbh6PHn0PPoJIPew2Wyxdqqrl1d659GRCjMa29p/XB2rmsxOe9aKiAsCQcLbTgcEvM2Rt+yB13G
  cVRw7TBla/T38yq7tsIxonWRHIk0oAeQ+7yfF7qNhA553qklOO+yPP9583O+SOhqfRvFQTwq3lgFT3nwRH5i6YctT8LGHFTb
  AYoVlEC7Do2D6COmwtk4vw3FoDhM9Lshj6eWCs6WjRMJAMxcSDHXRYti+m7KU+F3VF27uhVsoKPWP42Ilw6WkVCY194RqczH
  0vrh7JPL+vVc12JyHeZ5a961VECfhE9ZWBIOFhkjFQ/acDgkm0EjPadr/WXmWuZ8JQnLV2Q40E6jrpEB4p+KGCHMpzNg/bwq
  r+Ekre7QP7QtgxKfbLIJhqskSMnqFVPQKUZ++2h3ZeL2eT8vt0gkNnQbCR01KhIE8rxTS7ONSFJw3mV5Me9+YP7z5ue/wv3+
  fJHQ1T2gy8z6NoqDuweRmnhUvLE5ZaeoS5iDOwqpmCLJ+rUJiMuuEE9d718ObPRGzT/ZbYwOwnRDElrzAiNB6sFwbMGAQXfY
  R9c2lwbmLY7FtQClhIQbvBqKQXFbu1pomOh3Q9nZbFoeTy0VX342DJwtGyfdHAA+EgCYuVMxg6CQYq6L0VO1khbF9N1X9O/E
  lKfC79WW2fbpvAeuqI0ct2veMZwq7yqF7XlryqxIcNNvG134LipG4eE23magB8V/Y1ToVCJl803l87ICpMKpG2eRhDAmoJ8p
  uK7F5Pmf3v06zPPWe/3oz7xrqYD9WrKZPgmfsn84hKuwJBws8RUHNTJGKh5zdzEHtOFwSPXQa1E2g0Z6d7JdY07X+ssP5uHS
  zLXM+Y2E1+BKEpavCyONtshwoJ2JQbuERl0jAwdsOBrEPxUxhQ4OKEKYT2cDqVR+wPp5VYHLYkwfxTiBXvQjmJ2nDrPclhWq
  GwBU5VoxT/yZYmLX2FN5zhdP4UlWfvpQlS3Xe9QczGITio0tUruWNJHoux/Q2aAG7PN+Xq3CZUdukUhsL6BTdeg2EjqpBwkj
  alQkCCtlPxHkeaeWpUi8j2YbkaQnKoq94LzL8qGN0Oti3v3AI+/m2b3hvBT80KcNP4OKJn6ykT+5JNBw+BXLaTtG5kJ6d/1b
  tWtl3PRafsU3CVPudjhI97GuCbjwnxKhM8w/inL9JJMAAAAAN2rCAW7UhANZvkYC3KgJB+vCywayfI0EhRZPBbhREw6PO9EP
  1oWXDeHvVQxk+RoJU5PYCAotngo9R1wLcKMmHEfJ5B0ed6IfKR1gHqwLLxubYe0awt+rGPW1aRnI8jUS/5j3E6YmsRGRTHMQ
  FFo8FSMw/hR6jrgWTeR6F+BGTTjXLI85jpLJO7n4Czo87kQ/C4SGPlI6wDxlUAI9WBdeNm99nDc2w9o1AakYNIS/VzGz1ZUw
  6mvTMt0BETOQ5Wskp4+pJf4x7yfJWy0mTE1iI3snoCIimeYgFfMkISi0eCof3rorRmD8KXEKPij0HHEtw3azLJrI9S6tojcv
  wI2acPfnWHGuWR5zmTPcchwlk3crT1F2cvEXdEWb1XV43Il+T7ZLfxYIDX0hYs98pHSAeZMeQnjKoAR6/crGe7AuvGyHRH5t
  3vo4b+mQ+m5shrVrW+x3agJSMWg1OPNpCH+vYj8VbWNmqythUcHpYNTXpmXjvWRkugMiZo1p4Gcgy9dIF6EVSU4fU0t5dZFK
  /GPeT8sJHE6St1pMpd2YTZiaxEav8AZH9k5ARcEkgkREMs1Bc1gPQCrmSUIdjItDUGjxVGcCM1U+vHVXCda3VozA+FO7qjpS
  4hR8UNV+vlHoOeJa31MgW4btZlmxh6RYNJHrXQP7KVxaRW9ebS+tX4AbNeG3cffg7s+x4tmlc+Ncszzma9n+5zJnuOUFDXrk
  OEom7w8g5O5WnqLsYfRg7eTiL+jTiO3pijar671caerwuBP9x9LR/J5sl/6pBlX/LBAa+ht62PtCxJ75da5c+EjpAPN/g8Ly
  Jj2E8BFXRvGUQQn0oyvL9fqVjffN/0/2YF142Vc3utgOifzaOeM+27z1cd6Ln7Pf0iH13eVLN9zYDGvX72ap1rbY79SBsi3V
  BKRi0DPOoNFqcObTXRok0hD+XsUnlJzEfiraxklAGMfMVlfC+zyVw6KC08GV6BHAqK9Ny5/Fj8rGe8nI8RELyXQHRMxDbYbN
  GtPAzy25As5Alq+Rd/xtkC5CK5IZKOmTnD6mlqtUZJfy6iKVxYDglPjHvJ/PrX6elhM4nKF5+p0kb7WYEwV3mUq7MZt90fOa
  MDWJjQdfS4xe4Q2OaYvPj+ydgIrb90KLgkkEibUjxoiIZJqDvw5YguawHoDR2tyBVMyThGOmUYU6GBeHDXLVhqDQ4qmXuiCo
  zgRmqvlupKt8eOuuSxIprxKsb60lxq2sGIHxpy/rM6Z2VXWkQT+3pcQp+KDzQzqhqv18o52XvqLQc8S15xkGtL6nQLaJzYK3
  DNvNsjuxD7NiD0mxVWWLsGgi17tfSBW6BvZTuDGckbm0it68g+AcvdpeWr/tNJi+AAAAAGVnvLiLyAmq7q+1EleXYo8y8N43
  3F9rJbk4153vKLTFik8IfWTgvW8BhwHXuL/WSt3YavIzd9/gVhBjWJ9XGVD6MKXoFJ8Q+nH4rELIwHvfrafHZ0MIcnUmb87N
  cH+tlRUYES37t6Q/ntAYhyfozxpCj3OirCDGsMlHegg+rzKgW8iOGLVnOwrQAIeyaThQLwxf7Jfi8FmFh5flPdGHhmW04Drd
  Wk+Pzz8oM3eGEOTq43dYUg3Y7UBov1H4ofgr8MSfl0gqMCJaT1ee4vZvSX+TCPXHfadA1RjA/G1O0J81K7cjjcUYlp+gfyon
  GUf9unwgQQKSj/QQ9+hIqD1YFJtYP6gjtpAdMdP3oYlqz3YUD6jKrOEHf76EYMMG0nCgXrcXHOZZuKn0PN8VTIXnwtHggH5p
  Di/Le2tId8OiDw3Lx2ixcynHBGFMoLjZ9ZhvRJD/0/x+UGbuGzfaVk0nuQ4oQAW2xu+wpKOIDBwasNuBf9dnOZF40iv0H26T
  A/cmO2aQmoOIPy+R7ViTKVRgRLQxB/gM36hNHrrP8abs35L+ibguRmcXm1QCcCfsu0jwcd4vTMkwgPnbVedFY5ygP2v5x4PT
  F2g2wXIPinnLN13krlDhXED/VE4lmOj2c4iLrhbvNxb4QIIEnSc+vCQf6SFBeFWZr9fgi8qwXDM7tlntXtHlVbB+UEfVGez/
  bCE7YglGh9rn6TLIgo6OcNSe7Six+VGQX1bkgjoxWDqDCY+n5m4zHwjBhg1tpjq1pOFAvcGG/AUvKUkXSk71r/N2IjKWEZ6K
  eL4rmB3ZlyBLyfR4Lq5IwMAB/dKlZkFqHF6W93k5Kk+Xlp9d8vEj5QUZa01gftf1jtFi5+u23l9SjgnCN+m1etlGAGi8IbzQ
  6jHfiI9WYzBh+dYiBJ5qmr2mvQfYwQG/Nm60rVMJCBWaTnId/ynOpRGGe7d04ccPzdkQkqi+rCpGERk4I3algHVmxtgQAXpg
  /q7PcpvJc8oi8aRXR5YY76k5rf3MXhFFBu5NdmOJ8c6NJkTc6EH4ZFF5L/k0HpNB2rEmU7/WmuvpxvmzjKFFC2IO8BkHaUyh
  vlGbPNs2J4Q1mZKWUP4uLpm5VCb83uieEnFdjHcW4TTOLjapq0mKEUXmPwMggYO7dpHg4xP2XFv9WelJmD5V8SEGgmxEYT7U
  qs6Lxs+pN344QX/WXSbDbrOJdnzW7srEb9YdWQqxoeHkHhTzgXmoS9dpyxOyDnerXKHCuTnGfgGA/qmc5ZkVJAs2oDZuURyO
  pxZmhsJx2j4s3m8sSbnTlPCBBAmV5rixe0kNox4usRtIPtJDLVlu+8P22+mmkWdRH6mwzHrODHSUYblm8QYF3gAAAACwKWA9
  YFPAetB6oEfApoD1cI/gyKD1QI8Q3CCywUtwMHFiEA2hGLBKETHQdwHt8MWxxJD4Yb4wv9GXUIKCl+BgMr6AXeLEIBpS7UAn
  QjFglfIYAKgiYqDvkkvA0kPckFDz9fBtI49QKpOmMBeDehClM1NwmOMp0N9TALDiBC/BwbQGofxkfAG71FVhhsSJQTR0oCEJ
  pNqBThTz4XPFZLHxdU3RzKU3cYsVHhG2BcIxBLXrUTllkfF+1biRQ4a4IaE2kUGc5uvh21bCgeZGHqFU9jfBaSZNYS6WZAET
  R/NRkffaMawnoJHrl4nx1odV0WQ3fLFZ5wYRHlcvcSNJWPNY+XGTZSkLMyKZIlMfif5zrTnXE5DprbPXWYTT6ogTg2g4OuNV
  6EBDElhpIy9ItQOd+JxjoCjmw+eYz6Pay88TOHvmcwWrnNNCG7Wzfwtpk827QPPwazpTt9sTM4oKhGMIuq0DNWrXo3La/sNP
  yiLj/XoLg8CqcSOHGlhDuk13Mpn9XlKkLSTy450Nkt6N0bJsPfjSUe2CchZdqxIrjDxCqTwVIpTsb4LTXEbi7kyawlz8s6Jh
  LMkCJpzgYhvP4NL5f8myxK+zEoMfmnK+D0ZSDL9vMjFvFZJ23zzySw6rosm+gsL0bvhis97RAo7ODSI8fiRCAa5e4kYed4J7
  krDmsSKZhozy4ybLQspG9lIWZkTiPwZ5MkWmPoJsxgNT+5aB49L2vDOoVvuDgTbGk10WdCN0dknzDtYOQye2MxAnBtGgDmbs
  cHTGq8BdppbQgYYkYKjmGbDSRl4A+yZj0Wx24WFFFtyxP7abARbWphHK9hSh45YpcZk2bsGwVlOWnydwJrZHTfbM5wpG5Yc3
  VjmnheYQx7g2amf/hkMHwlfUV0Dn/Td9N4eXOoeu9weXcte1J1u3iPchF89HCHfyFAjHEKQhpy10WwdqxHJnV9SuR+VkhyfY
  tP2HnwTU56LVQ7cgZWrXHbUQd1oFORdnFeU31aXMV+h1tvevxZ+XktvoFelrwXXUu7vVkwuSta4bTpUcq2f1IXsdVWbLNDVb
  GqNl2aqKBeR68KWjytnFntoF5SxqLIURulYlVgp/RWtZf/WJ6VaVtDksNfOJBVXOmdl1fCnwFUH5irUGSaPVO5g0hbkoHeWE
  +GdFw0hOJf5YkgVM6LtlcTjBxTaI6KUL38fUKG/utBW/lBRSD710bx9hVN2vSDTgfzKUp88b9JoejKQYrqXEJX7fZGLO9gRf
  3iok7W4DRNC+eeSXDlCEql1QNEjteVR1PQP0Mo0qlA+d9rS9Ld/UgP2ldMdNjBT6nBtEeCwyJEX8SIQCTGHkP1y9xI3slKSw
  PO4E94zHZMoAAAAApdNcywuhyE2ucpSGFkKRm7ORzVAd41nWuDAFHW2CU+zIUQ8nZiObocPwx2p7wMJ33hOevHBhCjrVslbx
  mwLWAz7RisiQox5ONXBChY1AR5gokxtThuGP1SMy0x72gIXvU1PZJP0hTaJY8hFp4MIUdEURSL/rY9w5TrCA8jYFrAeT1vDM
  PaRkSph3OIEgRz2chZRhVyvm9dGONakaW4f/6/5UoyBQJjem9fVrbU3FbnDoFjK7RmSmPeO3+vatB3oECNQmz6amskkDde6C
  u0Xrnx6Wt1Sw5CPSFTd/GcCFKehlVnUjyyThpW73vW7Wx7hzcxTkuN1mcD54tSz1bApYD8nZBMRnq5BCwnjMiXpIyZTfm5Vf
  cekB2dQ6XRIBiAvjpFtXKAopw66v+p9lF8qaeLIZxrMca1I1ubgO/vcIjgxS29LH/KlGQVl6GorhSh+XRJlDXOrr19pPOIsR
  mord4D9ZgSuRKxWtNPhJZozITHspGxCwh2mENiK62P1aD/QI/9yow1GuPEX0fWCOTE1lk+meOVhH7K3e4j/xFTeNp+SSXvsv
  PCxvqZn/M2IhzzZ/hBxqtCpu/jKPvaL5wQ0iC2TefsDKrOpGb3+2jddPs5BynO9b3O573Xk9Jxasj3HnCVwtLKcuuaoC/eVh
  us3gfB8evLexbCgxFL90+tgUsB59x+zV07V4U3ZmJJjOViGFa4V9TsX36chgJLUDtZbj8hBFvzm+Nyu/G+R3dKPUcmkGBy6i
  qHW6JA2m5u9DFmYd5sU61ki3rlDtZPKbVVT3hvCHq01e9T/L+yZjAC6UNfGLR2k6JTX9vIDmoXc41qRqnQX4oTN3bCeWpDDs
  7hEcGUvCQNLlsNRUQGOIn/hTjYJdgNFJ8/JFz1YhGQSDk0/1JkATPogyh7gt4dtzldHebjACgqWecBYjO6NK6HUTyhrQwJbR
  frICV9thXpxjUVuBxoIHSmjwk8zNI88HGJGZ9r1CxT0TMFG7tuMNcA7TCG2rAFSmBXLAIKChnOu0HugREc202r+/IFwabHyX
  olx5igePJUGp/bHHDC7tDNmcu/18T+c20j1zsHfuL3vP3ipmag12rcR/4ithrL7gLxw+EorPYtkkvfZfgW6qlDler4mcjfNC
  Mv9nxJcsOw9Cnm3+500xNUk/pbPs7Pl4VNz8ZfEPoK5ffTQo+q5o44IbRBYnyBjdibqMWyxp0JCUWdWNMYqJRp/4HcA6K0EL
  75kX+kpKSzHkON+3QeuDfPnbhmFcCNqq8npOLFepEucZGZIVvMrO3hK4Wli3awaTD1sDjqqIX0UE+svDoSmXCHSbwfnRSJ0y
  fzoJtNrpVX9i2VBixwoMqWl4mC/Mq8TkAAAAALQLd6YpEZ+XnRroMRMkT/SnLzhSOjXQY44+p8VnTu8z00WYlU5fcKT6VAcC
  dGqgx8Bh12Fdez9Q6XBI9s6c3md6l6nB541B8FOGNlbduJGTabPmNfSpDgRAonmiqdIxVB3ZRvKAw67DNMjZZbr2fqAO/QkG
  k+fhNyfslpGcOb3PKDLKabUoIlgBI1X+jx3yOzsWhZ2mDG2sEgcaCvt3UvxPfCVa0mbNa2Ztus3oUx0IXFhqrsFCgp91SfU5
  UqVjqOauFA57tPw/z7+LmUGBLFz1ilv6aJCzy9ybxG0164ybgeD7PRz6Ewyo8WSqJs/Db5LEtMkP3lz4u9UrXnl1C0TNfnzi
  UGSU0+Rv43VqUUSw3lozFkNA2yf3S6yBHjvkd6owk9E3KnvggyEMRg0fq4O5FNwlJA40FJAFQ7K36dUjA+KihZ74SrQq8z0S
  pM2a1xDG7XGN3AVAOddy5tCnOhBkrE22+balh0290iHDg3Xkd4gCQuqS6nNemZ3V5Uy2i1FHwS3MXSkceFZeuvZo+X9CY47Z
  33lm6GtyEU6CAlm4NgkuHqsTxi8fGLGJkSYWTCUtYeq4N4nbDDz+fSvQaOyf2x9KAsH3e7bKgN049CcYjP9QvhHluI+l7s8p
  TJ6H3/iV8HlljxhI0YRv7l+6yCvrsb+NdqtXvMKgIBry6haIRuFhLtv7iR9v8P654c5ZfFXFLtrI38brfNSxTZWk+bshr44d
  vLVmLAi+EYqGgLZPMovB6a+RKdgbml5+PHbI74h9v0kVZ1d4oWwg3i9ShxubWfC9BkMYjLJIbypbOCfc7zNQenIpuEvGIs/t
  SBxoKPwXH45hDfe/1QaAGW7Tq0fa2NzhR8I00PPJQ3Z99+SzyfyTFVTmeyTg7QyCCZ1EdL2WM9IgjNvjlIesRRq5C4Cusnwm
  M6iUF4ej47GgT3UgFEQChole6rc9VZ0Rs2s61AdgTXKaeqVDLnHS5ccBmhNzCu217hAFhFobciLUJdXnYC6iQf00SnBJPz3W
  i58dzD+UamqijoJbFoX1/Zi7UjgssCWesarNrwWhugns0fL/WNqFWcXAbWhxyxrO//W9C0v+yq3W5CKcYu9VOkUDw6vxCLQN
  bBJcPNgZK5pWJ4xf4iz7+X82E8jLPWRuIk0smJZGWz4LXLMPv1fEqTFpY2yFYhTKGHj8+6xzi10XpqADo63XpT63P5SKvEgy
  BILv97CJmFEtk3BgmZgHxnDoTzDE4ziWWfnQp+3ypwFjzADE18d3Ykrdn1P+1uj12Tp+ZG0xCcLwK+HzRCCWVcoeMZB+FUY2
  4w+uB1cE2aG+dJFXCn/m8ZdlDsAjbnlmrVDeoxlbqQWEQUE0MEo2kgAAAACeAKrMfQclQuMHj476DkqEZA7gSIcJb8YZCcUK
  tRvl0ysbTx/IHMCRVhxqXU8Vr1fRFQWbMhKKFawSINkrMbt8tTERsFY2nj7INjTy0T/x+E8/WzSsONS6Mjh+dp4qXq8AKvRj
  4y177X0t0SFkJBQr+iS+5xkjMWmHI5ulVmJ2+chi3DUrZVO7tWX5d6xsPH0ybJax0WsZP09rs/PjeZMqfXk55p5+tmgAfhyk
  GXfZrod3c2JkcPzs+nBWIH1TzYXjU2dJAFTox55UQguHXYcBGV0tzfpaokNkWgiPyEgoVlZIgpq1Tw0UK0+n2DJGYtKsRsge
  T0FHkNFB7Vztwp0pc8I35ZDFuGsOxRKnF8zXrYnMfWFqy/Lv9MtYI1jZePrG2dI2Jd5duLve93Si1zJ+PNeYst/QFzxB0L3w
  xvMmVVjzjJm79AMXJfSp2zz9bNGi/cYdQfpJk9/6419z6MOG7ehpSg7v5sSQ70wIieaJAhfmI8704axAauEGjLug69AloEEc
  xqfOklinZF5BrqFU364LmDyphBaiqS7aDrsOA5C7pM9zvCtB7byBjfS1RIdqte5LibJhxReyywmQkVCsDpH6YO2Wde5zlt8i
  ap8aKPSfsOQXmD9qiZiVpiWKtX+7ih+zWI2QPcaNOvHfhP/7QYRVN6KD2rk8g3B12oU7U0SFkZ+ngh4ROYK03SCLcde+i9sb
  XYxUlcOM/llvnt6A8Z50TBKZ+8KMmVEOlZCUBAuQPsjol7FGdpcbivG0gC9vtCrjjLOlbRKzD6ELusqrlbpgZ3a97+novUUl
  RK9l/NqvzzA5qEC+p6jqcr6hL3ggoYW0w6YKOl2moPaM502qEufnZvHgaOhv4MIkdukHLujpreIL7iJsle6IoDn8qHmn/AK1
  RPuNO9r7J/fD8uL9XfJIMb71x78g9W1zp9b21jnWXBra0dOURNF5WF3YvFLD2BaeIN+ZEL7fM9wSzRMFjM25yW/KNkfxypyL
  6MNZgXbD802VxHzDC8TWDzdHpnqpRwy2SkCDONRAKfTNSez+U0lGMrBOybwuTmNwglxDqRxc6WX/W2brYVvMJ3hSCS3mUqPh
  BVUsb5tVhqMcdh0Ggna3ymFxOET/cZKI5nhXgnh4/U6bf3LABX/YDKlt+NU3bVIZ1Grdl0pqd1tTY7JRzWMYnS5klxOwZD3f
  YSXQg/8lek8cIvXBgiJfDZsrmgcFKzDL5iy/RXgsFYnUPjVQSj6fnKk5EBI3ObreLjB/1LAw1RhTN1qWzTfwWkoUa//UFMEz
  NxNOvakT5HGwGiF7LhqLt80dBDlTHa71/w+OLGEPJOCCCKtuHAgBogUBxKibAW5keAbh6uYGSyY=
`;

let table: Uint32Array | undefined;

/**
 * The slice-by-8 tables, computed (entry `k * 256 + n` is the CRC of byte `n` followed by `k`
 * zero bytes).
 */
export function computeTables(): Uint32Array {
  const t = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/** The tables, decoded from {@linkcode TABLES_BASE64} (or computed, on a big-endian machine). */
export function tables(): Uint32Array {
  if (table) return table;
  const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
  table = littleEndian
    ? new Uint32Array(Uint8Array.fromBase64(TABLES_BASE64).buffer)
    : computeTables();
  return table;
}

/**
 * The CRC-32 of `bytes[start, end)`, continuing from `crc` (0 to start).
 *
 * @param bytes The data.
 * @param start First byte.
 * @param end One past the last byte.
 * @param crc A previous result, to checksum data in pieces.
 * @returns The checksum, an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  const t = table ?? tables();
  let c = ~crc;
  let i = start;
  for (const last = end - 8; i <= last; i += 8) {
    const a = (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24) ^ c;
    c = t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^ t[768 + bytes[i + 4]] ^ t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^ t[bytes[i + 7]];
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
