from django.urls import path

from core.views import read_only

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    path("rss/", read_only(feeds.LatestNewsFeed()), name="rss"),
    path("atom/", read_only(feeds.LatestNewsAtomFeed()), name="atom"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
